import { useTranslation } from 'react-i18next';
import { decisionRefInBrackets, formatDay } from '../dates';
import { citationInVietnamese } from '../server-text/legal-citation';

type Facts = Record<string, unknown>;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isCount = (value: unknown): value is number => typeof value === 'number';

/**
 * The open discipline cases out of this unit's grant a suspension rests on, counted without ids:
 * «N hồ sơ do cấp trên mở», and «N hồ sơ do đơn vị khác mở» for those a unit not above this one
 * opened (`disciplineCasesByAnotherUnit`; facts kept before it told each as opened above).
 * Before, a sibling unit's case was shown as opened by a unit above.
 */
function casesElsewhereTold(facts: Facts, t: ReturnType<typeof useTranslation>['t']): string[] {
  const count = isCount(facts.disciplineCasesElsewhere) ? facts.disciplineCasesElsewhere : 0;
  const another = isCount(facts.disciplineCasesByAnotherUnit)
    ? Math.min(facts.disciplineCasesByAnotherUnit, count)
    : 0;
  return [
    ...(count - another > 0
      ? [t('removal.disciplineCasesElsewhere', { count: count - another })]
      : []),
    ...(another > 0 ? [t('removal.disciplineCasesByAnotherUnit', { count: another })] : []),
  ];
}

/**
 * What a removal case rests on (căn cứ xem xét), as the service checked and recorded it when the
 * case opened (the case's `facts`), under the labels of the opening form's fields.
 */
export function RemovalGroundsFacts({
  definition,
  facts,
}: {
  definition: string;
  facts?: Facts | null;
}) {
  const { t } = useTranslation();
  const kind = definition.split('@')[0];
  if (!kind.startsWith('removal.') || !facts) return null;
  const rows: [label: string, value: string][] = [];
  const add = (label: string, value: unknown, shown = (v: string) => v) => {
    if (isText(value)) rows.push([label, shown(value)]);
  };
  if (kind === 'removal.dismissal' && isText(facts.ground))
    rows.push([t('removal.kind'), t(`removal.ground.${facts.ground}`)]);
  if (kind === 'removal.relief' && isText(facts.ground))
    rows.push([
      t('removal.kind'),
      // A case opened before the list was checked may rest on a word of its own: shown as written.
      t(`removal.reliefGround.${facts.ground}`, { defaultValue: facts.ground }),
    ]);
  add(t('removal.letterReceived'), facts.letterReceivedOn, formatDay);
  add(t('removal.reason'), facts.reason);
  add(t('removal.talkDueBy'), facts.talkDueBy, formatDay);
  add(t('removal.decisionDueBy'), facts.decisionDueBy, formatDay);
  if (isCount(facts.lowConfidenceVotes) && isCount(facts.totalVotes))
    rows.push(
      [t('removal.lowConfidenceVotes'), String(facts.lowConfidenceVotes)],
      [t('removal.totalVotes'), String(facts.totalVotes)],
    );
  if (Array.isArray(facts.years))
    rows.push([t('removal.yearsNotCompleted'), facts.years.join(', ')]);
  if (Array.isArray(facts.decisions))
    rows.push([
      t('removal.disciplineDecisions'),
      (facts.decisions as { form: string; decisionRef: string }[])
        .map(
          (d) =>
            `${t(`discipline.forms.${d.form}`, { defaultValue: d.form })} (${decisionRefInBrackets(d.decisionRef)})`,
        )
        .join('; '),
    ]);
  if (Array.isArray(facts.disciplineCases))
    rows.push([
      t('removal.disciplineCases'),
      [
        ...facts.disciplineCases,
        // A case a unit above (or another unit) opened grounds the suspension too; this unit may
        // not read its id.
        ...casesElsewhereTold(facts, t),
      ].join(', '),
    ]);
  if (isCount(facts.maxDays))
    rows.push([
      t('removal.maxDays'),
      t(facts.unit === 'working_days' ? 'removal.workingDays' : 'removal.days', {
        count: facts.maxDays,
      }),
    ]);
  add(t('removal.reference'), facts.reference);
  add(t('removal.rule'), facts.rule, (rule) => citationInVietnamese(rule) ?? rule);
  if (rows.length === 0) return null;
  return (
    <>
      <dt>{t('removal.grounds')}</dt>
      <dd data-testid="removal-grounds-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <span className="muted">{label}:</span> {value}
          </div>
        ))}
      </dd>
    </>
  );
}
