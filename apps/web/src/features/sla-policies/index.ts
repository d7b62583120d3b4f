// What other features use: the countdown, the escalation level and the escalate dialog.
export { EscalateModal } from './components/EscalateModal';
export { EscalationTag } from './components/EscalationTag';
export { SlaBadge, SlaTargetsList } from './components/SlaBadge';
