import { DurationForm } from './DurationForm';
import { t } from '@/lib/model/i18n';

interface Props {
  hasEstimate: boolean;
  limitToHours: boolean;
  disabled: boolean;
  busy: boolean;
  onSet: (seconds: number) => Promise<boolean>;
  onReset: () => Promise<boolean>;
}

/** The estimate: type one and set it, or remove it. */
export function EstimateEditor({ hasEstimate, limitToHours, disabled, busy, onSet, onReset }: Props) {
  return (
    <DurationForm id="tk-estimate" label={t('estimateLabel')} placeholder="3h 30m" limitToHours={limitToHours} disabled={disabled} onSubmit={onSet}>
      <button type="submit" disabled={disabled || busy}>
        {t('setEstimate')}
      </button>
      <button type="button" class="tk-quiet" disabled={disabled || busy || !hasEstimate} onClick={() => void onReset()}>
        {t('resetEstimate')}
      </button>
    </DurationForm>
  );
}
