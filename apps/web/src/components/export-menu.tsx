/**
 * The "Export" control of the items list (the current filters) or of a case (`caseId`: its evidence,
 * under the case's own marking unless a stricter one is chosen) as a STIX, MISP, ClaimReview, CSV,
 * JSONL or GEXF download, with a TLP marking. The download is a plain GET the session cookie
 * authorises, so the browser saves the file the server names; TLP:RED is offered to analysts only
 * (the server refuses it to viewers anyway).
 */
import { useState } from 'react';
import { caseExportUrl, EXPORT_FORMATS, EXPORT_TLPS, type ExportFormat, exportUrl } from '../api.ts';
import { useApp } from '../context.tsx';
import type { MessageKey } from '../i18n/index.ts';

/** Items one export holds (the API's default limit). */
const EXPORT_LIMIT = 1000;

export function ExportMenu({
  filters = {},
  caseId,
}: {
  filters?: Record<string, string | undefined>;
  caseId?: string;
}) {
  const { t, me } = useApp();
  const [format, setFormat] = useState<ExportFormat>('stix');
  // a case keeps its own marking unless a stricter one is picked ('' = the case's)
  const [tlp, setTlp] = useState<string>(caseId ? '' : 'amber');
  const tlps = me.role === 'viewer' ? EXPORT_TLPS.filter((l) => l !== 'red') : EXPORT_TLPS;
  const url = caseId ? caseExportUrl(caseId, format, tlp) : exportUrl(format, { ...filters, tlp });
  return (
    <details className="card export-menu">
      <summary>{t('exports.button')}</summary>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          window.location.assign(url);
        }}
      >
        <label>
          {t('exports.format')}
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`exports.format.${f}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('exports.tlp')}
          <select name="tlp" value={tlp} onChange={(e) => setTlp(e.target.value)}>
            {caseId ? <option value="">{t('exports.caseTlp')}</option> : null}
            {tlps.map((l) => (
              <option key={l} value={l}>
                TLP:{l.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="submit" data-href={url}>
            {t('exports.download')}
          </button>
        </div>
        <p className="hint">
          {caseId
            ? t('exports.caseHint')
            : filters.story
              ? t('exports.storyHint')
              : t('exports.hint', { n: EXPORT_LIMIT })}
        </p>
      </form>
    </details>
  );
}
