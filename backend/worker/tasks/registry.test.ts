import { describe, expect, it } from 'vitest';
import { TASKS } from './registry.js';
import { AVAILABLE_JOB_TYPES } from '../available-job-types.js';

describe('task registry', () => {
  it('the API accepts exactly the job types the worker has a task for', () => {
    expect(Object.keys(TASKS).sort()).toEqual([...AVAILABLE_JOB_TYPES].sort());
  });
});
