/**
 * Answers the page's permission requests: everything is denied (camera, geolocation, clipboard reads, HID, …)
 * except notifications for the app's own top-level page, which the user turns on in Settings for job-end notices.
 */
import { isAppUrl } from './app-origin.js';

/** The subset of Electron's Session this module uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; isMainFrame?: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { isMainFrame?: boolean },
    ) => boolean,
  ): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
}

const ALLOWED_FOR_APP = new Set(['notifications']);

export function isPermissionAllowed(
  permission: string,
  url: string | undefined,
  isMainFrame: boolean | undefined,
): boolean {
  return ALLOWED_FOR_APP.has(permission) && isMainFrame !== false && url !== undefined && isAppUrl(url);
}

export function installPermissionPolicy(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      permission,
      requestingOrigin ? `${requestingOrigin}/` : undefined,
      details.isMainFrame,
    ),
  );
  session.setDevicePermissionHandler?.(() => false);
}
