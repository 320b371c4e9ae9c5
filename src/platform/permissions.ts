import { CLOUDS, type Cloud } from '../core/connection.ts';
import { browser } from './browser.ts';

/** The sign-in and Graph hosts of a cloud, as host-permission patterns. */
export const cloudOrigins = (cloud: Cloud): string[] => [
  `${CLOUDS[cloud].authorityHost}/*`,
  `${CLOUDS[cloud].graphHost}/*`,
];

export async function hasCloudAccess(cloud: Cloud): Promise<boolean> {
  return browser.permissions.contains({ origins: cloudOrigins(cloud) });
}

/**
 * Asks for a national cloud's hosts (optional host permissions). Must be called straight from the
 * user's click: browsers only show the prompt for a user gesture. The global cloud's hosts are
 * granted at install.
 */
export async function requestCloudAccess(cloud: Cloud): Promise<boolean> {
  if (cloud === 'global') return true;
  return browser.permissions.request({ origins: cloudOrigins(cloud) });
}
