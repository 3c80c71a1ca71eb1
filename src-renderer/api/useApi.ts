/** The API client and connection state, for components under <ApiProvider>. */
import { useContext } from 'react';
import { ApiContext } from './ApiProvider.js';
import type { ApiState } from './ApiProvider.js';

export function useApi(): ApiState {
  const state = useContext(ApiContext);
  if (!state) throw new Error('useApi must be used inside <ApiProvider>');
  return state;
}
