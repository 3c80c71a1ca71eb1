// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import { CreateLogForm } from './CreateLogForm.js';
import { fakeLogClient, LOG_ID, testProfile } from './fake-log-client.js';

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('<CreateLogForm>', () => {
  it('needs a name, offers the latest version of each profile, and opens the new log', async () => {
    const fake = fakeLogClient();
    fake.logs.listProfiles.mockResolvedValue([
      { ...testProfile, id: 'brush-deburring', version: 1, name: { ja: 'ブラシ', en: 'Brush deburring' } },
      { ...testProfile, id: 'brush-deburring', version: 2, name: { ja: 'ブラシ', en: 'Brush deburring' } },
      testProfile,
    ]);
    render(
      <TestProviders client={fake.client}>
        <CreateLogForm logs={fake.asLogClient} />
      </TestProviders>,
    );
    const profile = screen.getByLabelText<HTMLSelectElement>('Column dictionary (profile)');
    await screen.findByRole('option', { name: 'Brush deburring (v2)' });
    expect([...profile.options].map((o) => o.textContent)).toEqual(['Brush deburring (v2)', 'Test (v1)']);
    expect(profile.value).toBe('brush-deburring');

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    expect(fake.logs.createLog).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Line 2 ' } });
    fireEvent.change(profile, { target: { value: 'test-profile' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/logs/${LOG_ID}`));
    expect(fake.logs.createLog).toHaveBeenCalledWith({ name: 'Line 2', profile_id: 'test-profile' });
  });
});
