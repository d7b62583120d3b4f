// What the ticket form and the portal embed.
export { CustomFieldInputs, type CustomFieldInputsProps } from './components/CustomFieldInputs';
export { useCustomFields } from './hooks/use-custom-fields';
export { customFieldRule, customFieldServerMessage } from './field-rules';
export { customFieldsResource } from './api';
