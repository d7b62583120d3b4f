import dayjs from 'dayjs';

/** Absolute local time, as support staff read it in lists and logs. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fromNow(iso: string): string {
  return dayjs(iso).fromNow();
}
