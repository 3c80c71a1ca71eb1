// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestProviders } from '../../shared/TestProviders.js';
import { row, testProfile } from './fake-log-client.js';
import { logColumns } from './log-columns.js';
import { RowFilterPanel } from './RowFilterPanel.js';

const rows = [
  row(1, { 実験日: '2026-11-01', A11: 1, A13: 0, 材料: 'Steel', 送り速度: 500, 上面ダレ量: 0.2 }),
  row(2, { 実験日: '2026-11-02', A11: 0, A13: 1, 材料: 'Alum', 送り速度: 4000, 上面ダレ量: 0.4 }),
  row(3, { 実験日: '2026-11-03', A11: 1, A13: 0, 送り速度: 1500 }, 'planned'),
];

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

function panel(applied = {}) {
  const onApply = vi.fn();
  render(
    <TestProviders>
      <RowFilterPanel
        profile={testProfile}
        columns={logColumns(testProfile, 'en')}
        rows={rows}
        applied={applied}
        onApply={onApply}
      />
    </TestProviders>,
  );
  return onApply;
}

describe('<RowFilterPanel>', () => {
  it('offers the values present, and applies one filter with open bounds left out and one-hot members ORed', () => {
    const onApply = panel();
    expect(screen.getByRole('checkbox', { name: 'Alum' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Steel' })).toBeTruthy();
    // The observed range is the hint, not a value.
    const feedMin = screen.getByLabelText<HTMLInputElement>('Minimum of 送り速度');
    expect(feedMin.placeholder).toBe('500');
    expect(feedMin.value).toBe('');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-02' } });
    fireEvent.change(feedMin, { target: { value: '1000' } });
    fireEvent.change(screen.getByLabelText('Maximum of 上面ダレ量'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Steel' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'A11' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'A13' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Done' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(onApply).toHaveBeenCalledWith({
      date: { from: '2026-11-02' },
      categories: [{ column: '材料', values: ['Steel'] }],
      ranges: [
        { column: '送り速度', min: 1000 },
        { column: '上面ダレ量', max: 0.5 },
      ],
      one_hot: [{ group: 'ブラシ', columns: ['A11', 'A13'] }],
      status: ['done'],
    });
  });

  it('refuses an inverted range with the column named, and Clear applies the empty filter', () => {
    const onApply = panel();
    fireEvent.change(screen.getByLabelText('Minimum of 送り速度'), { target: { value: '3000' } });
    fireEvent.change(screen.getByLabelText('Maximum of 送り速度'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByText('The minimum is above the maximum.')).toBeTruthy();
    expect(screen.getByTestId('filter-problems').textContent).toBe('The filter has 1 error(s).');

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onApply).toHaveBeenCalledWith({});
    expect(screen.getByLabelText<HTMLInputElement>('Minimum of 送り速度').value).toBe('');
  });

  it('shows a saved view’s filter in its boxes', () => {
    panel({ date: { to: '2026-11-02' }, ranges: [{ column: '送り速度', max: 2000 }], status: ['planned'] });
    expect(screen.getByLabelText<HTMLInputElement>('To').value).toBe('2026-11-02');
    expect(screen.getByLabelText<HTMLInputElement>('From').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Maximum of 送り速度').value).toBe('2000');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Planned' }).checked).toBe(true);
  });
});
