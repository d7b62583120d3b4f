export { CannedResponsePicker, type CannedResponsePick, type CannedResponsePickerProps } from './components/CannedResponsePicker';
