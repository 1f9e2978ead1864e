import { render } from 'preact';
import { Options } from '@/components/Options';
import { createOptionsApi, createSettingsApi, createShortcutsApi } from '@/lib/views/options-api';
import '@/components/pages.css';

const initialUrl = new URLSearchParams(location.search).get('url') ?? undefined;
render(<Options api={createOptionsApi()} settingsApi={createSettingsApi()} shortcutsApi={createShortcutsApi()} initialUrl={initialUrl} />, document.getElementById('app')!);
