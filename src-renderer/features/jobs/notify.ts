/** The desktop-style notice when a job ends; only when the user allowed notifications (never asked on load). */
export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

export function notifyIfAllowed(title: string, body: string): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag: title });
  } catch {
    // Some browsers allow notifications only from a service worker; the in-page status is enough then.
  }
}
