import { render } from 'preact';
import { Options } from '@/components/Options';
import { createOptionsApi, createSettingsApi } from '@/lib/views/options-api';
import '@/components/pages.css';

const initialUrl = new URLSearchParams(location.search).get('url') ?? undefined;
render(<Options api={createOptionsApi()} settingsApi={createSettingsApi()} initialUrl={initialUrl} />, document.getElementById('app')!);
