/**
 * The service worker of a case's Web Push (web/citizen/client/follow.ts registers it): shows what
 * the server sent (shared/cases/web-push-notifier.ts) and opens the case on /me when tapped.
 */

interface PushMessage {
  title: string;
  body: string;
  url: string;
}
interface WorkerScope {
  addEventListener(
    type: 'push',
    listener: (event: { data: { json(): unknown } | null; waitUntil(p: Promise<unknown>): void }) => void,
  ): void;
  addEventListener(
    type: 'notificationclick',
    listener: (event: { notification: { data: unknown; close(): void }; waitUntil(p: Promise<unknown>): void }) => void,
  ): void;
  registration: { showNotification(title: string, options: { body: string; data: unknown }): Promise<void> };
  clients: { openWindow(url: string): Promise<unknown> };
}
const worker = self as unknown as WorkerScope;

worker.addEventListener('push', (event) => {
  const message = event.data?.json() as PushMessage | undefined;
  if (!message) return;
  event.waitUntil(worker.registration.showNotification(message.title, { body: message.body, data: message.url }));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url =
    typeof event.notification.data === 'string' && event.notification.data.startsWith('/')
      ? event.notification.data
      : '/me';
  event.waitUntil(worker.clients.openWindow(url));
});
