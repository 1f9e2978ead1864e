import { render } from 'preact';
import { Options } from '@/components/options/Options';
import { createOptionsApi, createSettingsApi, createShortcutsApi } from '@/lib/options/api';
import '@/components/shared/pages.css';

const initialUrl = new URLSearchParams(location.search).get('url') ?? undefined;
render(<Options api={createOptionsApi()} settingsApi={createSettingsApi()} shortcutsApi={createShortcutsApi()} initialUrl={initialUrl} />, document.getElementById('app')!);
