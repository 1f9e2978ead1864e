import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewTimeLog } from '@/lib/timesheet/new-log';
import { AddTimeLogForm, type AddTimeLogFormProps } from './AddTimeLogForm';
import { click, flush, getByRole, queryAllByRole, type } from './testing';

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(props: Partial<AddTimeLogFormProps> = {}) {
  const onSubmit = vi.fn(async (_log: NewTimeLog) => true);
  container = document.createElement('div');
  document.body.append(container);
  render(<AddTimeLogForm instances={['https://gitlab.com']} today="2025-03-05" onSubmit={onSubmit} {...props} />, container);
  return { onSubmit: (props.onSubmit as typeof onSubmit | undefined) ?? onSubmit };
}
const textbox = (name: string) => getByRole(container, 'textbox', name) as HTMLInputElement;
const noteOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')!)!.textContent;

async function open() {
  await click(getByRole(container, 'button', 'Add time log'));
}

describe('AddTimeLogForm', () => {
  it('opens a form with the named fields, focused on the first', async () => {
    mount();
    const toggle = getByRole(container, 'button', 'Add time log');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(queryAllByRole(container, 'textbox')).toHaveLength(0);
    await open();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['Issue or merge request', 'Time spent', 'Date', 'Summary']) expect(textbox(name), name).toBeDefined();
    expect(getByRole(container, 'button', 'Log time').getAttribute('type')).toBe('submit');
    expect(document.activeElement).toBe(textbox('Issue or merge request'));
    expect(textbox('Date').value).toBe('2025-03-05');
    expect(textbox('Date').getAttribute('max')).toBe('2025-03-05');
    expect(textbox('Summary').maxLength).toBe(255);
  });

  it('logs time on an item and closes', async () => {
    const { onSubmit } = mount();
    await open();
    await type(textbox('Issue or merge request'), 'https://gitlab.com/acme/web/-/merge_requests/7');
    expect(noteOf(textbox('Issue or merge request'))).toBe('= acme/web!7 on gitlab.com');
    await type(textbox('Time spent'), '1h 30m');
    expect(noteOf(textbox('Time spent'))).toBe('= 1h 30m');
    await type(textbox('Date'), '2025-03-03');
    await type(textbox('Summary'), 'Review');
    await click(getByRole(container, 'button', 'Log time'));
    expect(onSubmit).toHaveBeenCalledWith({
      ref: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'merge_request', iid: 7 },
      seconds: 5400,
      date: '2025-03-03',
      summary: 'Review',
    });
    expect(queryAllByRole(container, 'textbox')).toHaveLength(0);
    expect(document.activeElement).toBe(getByRole(container, 'button', 'Add time log'));
  });

  it('subtracts with a leading minus', async () => {
    const { onSubmit } = mount();
    await open();
    await type(textbox('Issue or merge request'), 'acme/web#12');
    await type(textbox('Time spent'), '-30m');
    expect(noteOf(textbox('Time spent'))).toBe('= −30m (subtracts)');
    await click(getByRole(container, 'button', 'Log time'));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ seconds: -1800, date: '2025-03-05', summary: '' });
  });

  it('sends nothing invalid, says why per field, and focuses the first to fix', async () => {
    const { onSubmit } = mount({ instances: ['https://gitlab.com', 'https://code.example.org/gitlab'] });
    await open();
    await type(textbox('Issue or merge request'), 'acme/web#12');
    await type(textbox('Time spent'), '1h 30');
    await type(textbox('Date'), '2025-03-06');
    await click(getByRole(container, 'button', 'Log time'));
    expect(onSubmit).not.toHaveBeenCalled();
    const ref = textbox('Issue or merge request');
    expect(ref.getAttribute('aria-invalid')).toBe('true');
    expect(noteOf(ref)).toMatch(/Several GitLabs are connected/);
    expect(noteOf(textbox('Time spent'))).toMatch(/Add a unit after 30/);
    expect(noteOf(textbox('Date'))).toMatch(/future/);
    expect(document.activeElement).toBe(ref);

    await type(ref, 'https://code.example.org/gitlab/acme/web/-/issues/12');
    expect(ref.getAttribute('aria-invalid')).toBe('false');
    expect(noteOf(ref)).toBe('= acme/web#12 on code.example.org/gitlab');
    await type(textbox('Time spent'), '2h');
    await type(textbox('Date'), '2025-03-04');
    await click(getByRole(container, 'button', 'Log time'));
    expect(onSubmit.mock.calls[0]![0].ref.instanceId).toBe('https://code.example.org/gitlab');
  });

  it('keeps the form and what was typed when GitLab refuses, and shows its reason', async () => {
    const onSubmit = vi.fn(async () => false);
    mount({ onSubmit, error: 'GitLab said: 403 Forbidden' });
    await open();
    await type(textbox('Issue or merge request'), 'acme/web#12');
    await type(textbox('Time spent'), '1h');
    await click(getByRole(container, 'button', 'Log time'));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(textbox('Issue or merge request').value).toBe('acme/web#12');
    expect(getByRole(container, 'alert').textContent).toBe('GitLab said: 403 Forbidden');
  });

  it('disables Log time while sending, and sends once', async () => {
    let finish: (ok: boolean) => void = () => undefined;
    const onSubmit = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    mount({ onSubmit });
    await open();
    await type(textbox('Issue or merge request'), 'acme/web#12');
    await type(textbox('Time spent'), '1h');
    await click(getByRole(container, 'button', 'Log time'));
    const button = getByRole(container, 'button', 'Log time') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    button.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish(true);
    await flush();
    await flush();
    expect(queryAllByRole(container, 'textbox')).toHaveLength(0);
  });

  it('closes on Cancel and opens empty again', async () => {
    mount({ defaultDate: '2025-03-03' });
    await open();
    await type(textbox('Time spent'), '1h');
    await click(getByRole(container, 'button', 'Cancel'));
    expect(queryAllByRole(container, 'textbox')).toHaveLength(0);
    await open();
    expect(textbox('Time spent').value).toBe('');
    expect(textbox('Date').value).toBe('2025-03-03');
  });
});
