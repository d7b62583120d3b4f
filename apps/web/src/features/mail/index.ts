export { EmailMessageBody } from './components/EmailMessageBody';
export { MessageAttachments } from './components/MessageAttachments';
export { ReplyMailboxSelect } from './components/ReplyMailboxSelect';
export { useReplyMailboxes } from './hooks/use-reply-mailboxes';
