import type { Instance } from '@/lib/model/storage';
import { safeAvatarUrl, signInSummary, tokenExpiry } from '@/lib/options/instance-status';
import { t } from '@/lib/model/i18n';
import { SLOTS, withNodes } from '@/components/shared/slots';

interface Props {
  instances: Instance[];
  now: number;
  onReconnect: (instance: Instance) => void;
  onDisconnect: (instance: Instance) => void;
  /** For a GitLab disconnected because its page access was removed: ask the browser again. */
  onAllowAccess: (instance: Instance) => void;
}

/** The connected GitLabs: who the user is on each, how they signed in, and what needs doing. */
export function InstanceList({ instances, now, onReconnect, onDisconnect, onAllowAccess }: Props) {
  if (instances.length === 0) return <p class="muted">{t('noneConnectedYet')}</p>;
  return (
    <ul class="instances">
      {instances.map((instance) => {
        const host = new URL(instance.baseUrl).host;
        const avatar = safeAvatarUrl(instance.avatarUrl);
        const expiry = tokenExpiry(instance, now);
        const facts = [
          instance.gitlabVersion ? `GitLab ${instance.gitlabVersion}` : null,
          instance.apiVersion ? `API ${instance.apiVersion}` : null,
          signInSummary(instance),
          expiry && !expiry.urgent ? expiry.text : null,
        ].filter(Boolean);
        return (
          <li key={instance.baseUrl}>
            {avatar ? <img class="avatar" src={avatar} alt="" width={32} height={32} referrerpolicy="no-referrer" /> : <span class="avatar" />}
            <div class="who">
              <div>
                {withNodes(t('nameOnHost', SLOTS), <strong>{instance.name}</strong>, <strong>{host}</strong>)}
              </div>
              <div>
                {instance.problem?.kind === 'disconnected' ? t('disconnectedWas', instance.username) : t('connectedAs', instance.username)}
              </div>
              <div class="muted">{facts.join(' · ')}</div>
              {instance.problem && <p class="warning">{instance.problem.message}</p>}
              {instance.readOnlyReason && <p class="warning">{instance.readOnlyReason}</p>}
              {expiry?.urgent && <p class="warning">{expiry.text}</p>}
            </div>
            <div class="actions">
              {instance.problem?.kind === 'disconnected' && (
                <button type="button" class="primary" onClick={() => onAllowAccess(instance)}>
                  {t('allowAccessTo', host)}
                </button>
              )}
              <button type="button" onClick={() => onReconnect(instance)} aria-label={t('reconnectHost', instance.baseUrl)}>
                {t('reconnect')}
              </button>
              <button type="button" onClick={() => onDisconnect(instance)} aria-label={t('disconnectHost', instance.baseUrl)}>
                {t('disconnect')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
