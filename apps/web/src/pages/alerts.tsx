/** Alerts: the events alert rules raised and the webhook delivery log (analysts and admins). */
import { alertsApi } from '../api.ts';
import { Show } from '../components/bits.tsx';
import { useApp } from '../context.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';

export function AlertsPage() {
  const { t } = useApp();
  const events = useLoad(() => alertsApi.events(), []);
  const deliveries = useLoad(() => alertsApi.deliveries(), []);
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p className="muted">{t('alerts.intro')}</p>
      <section className="card">
        <h2>{t('alerts.events')}</h2>
        <Show value={events}>
          {({ events: list }) =>
            list.length === 0 ? (
              <p className="muted">{t('alerts.noEvents')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t('alerts.when')}</th>
                      <th>{t('alerts.rule')}</th>
                      <th>{t('alerts.cause')}</th>
                      <th>{t('alerts.state')}</th>
                      <th>{t('alerts.attempts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr key={e.id}>
                        <td className="nowrap">{formatTime(e.createdAt)}</td>
                        <td className="mono">{e.ruleId}</td>
                        <td className="mono" dir="auto">
                          {e.fingerprint}
                        </td>
                        <td>{t(`alerts.state.${e.state}` as MessageKey)}</td>
                        <td>{e.attempts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
      <section className="card">
        <h2>{t('alerts.deliveries')}</h2>
        <Show value={deliveries}>
          {({ deliveries: list }) =>
            list.length === 0 ? (
              <p className="muted">{t('alerts.noDeliveries')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t('alerts.when')}</th>
                      <th>{t('alerts.rule')}</th>
                      <th>{t('alerts.attempt')}</th>
                      <th>{t('alerts.result')}</th>
                      <th>HTTP</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((d) => (
                      <tr key={d.id}>
                        <td className="nowrap">{formatTime(d.at)}</td>
                        <td className="mono">{d.ruleId}</td>
                        <td>{d.attempt}</td>
                        <td>
                          {t(`alerts.status.${d.status}` as MessageKey)}
                          {d.error && <div className="muted">{d.error}</div>}
                          {d.nextAttemptAt && <div className="muted">→ {formatTime(d.nextAttemptAt)}</div>}
                        </td>
                        <td className="mono">{d.httpStatus ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
    </>
  );
}
