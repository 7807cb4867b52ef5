import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { OgohError } from '@ogoh/core';
import { readReviewSet, scoreReview } from './evaluate.ts';
import { reviewMessage } from './review.ts';

const dev = fileURLToPath(new URL('../../eval/review-dev.jsonl', import.meta.url));

test('flags generalising and stigmatising wording about a group, with span, reason and rewording', () => {
  const text = 'Мы против террора. Все памирцы — сепаратисты и бандиты.';
  const r = reviewMessage(text, { explainLang: 'ru' });
  assert.equal(r.ok, false);
  assert.equal(r.findings.length, 1);
  const f = r.findings[0]!;
  assert.equal(f.kind, 'stigmatising');
  assert.equal(f.rule, 'predication');
  assert.equal(f.group.type, 'ethnic');
  assert.equal(text.slice(f.start, f.end), f.text);
  assert.equal(f.text, 'Все памирцы — сепаратисты');
  assert.equal(f.group.text, 'Все памирцы');
  assert.match(f.why, /вербовк/);
  assert.ok(f.suggestions.length >= 2);
  assert.equal(f.rewrite, '[конкретные люди, о которых идёт речь] — сепаратисты и бандиты.');
});

test('Tajik typed on a Russian keyboard and inflected forms are caught; explanations in Tajik', () => {
  const proper = reviewMessage('Ҳамаи помириҳо ҷудоихоҳанд.', { explainLang: 'tg' });
  const typed = reviewMessage('Хамаи помирихо чудоихоханд.', { explainLang: 'tg' });
  assert.equal(proper.findings.length, 1);
  assert.equal(typed.findings.length, 1);
  assert.equal(typed.findings[0]!.text, 'Хамаи помирихо чудоихоханд');
  assert.match(typed.findings[0]!.why, /ҷалб/);
  assert.equal(
    reviewMessage('Террористами оказались мусульмане? Нет: мусульманами прикрываются террористы.').ok,
    true,
  );
  assert.equal(reviewMessage('Мусульманам из Хатлона опасно ездить без документов.').ok, true);
  assert.equal(reviewMessage('Мусульманами опасно манипулируют вербовщики.').ok, true);
  assert.equal(reviewMessage('Мусульмане опасны.').ok, false);
});

test('equating a beard or a hijab with terrorism is flagged; the hijab in ordinary news is not', () => {
  const r = reviewMessage('A hijab is the first sign of extremism.');
  assert.equal(r.findings[0]?.rule, 'appearance');
  assert.equal(r.findings[0]?.group.type, 'appearance');
  assert.equal(reviewMessage('Women in hijab took part in the city marathon on Sunday.').ok, true);
  assert.equal(reviewMessage('Wearing a hijab is not a sign of extremism.').ok, true);
});

test('"always"/"never" about a group is a generalisation even without a stigmatising word', () => {
  const r = reviewMessage('Migrants from the south always bring trouble.');
  assert.equal(r.findings[0]?.kind, 'generalising');
  assert.equal(r.findings[0]?.rule, 'habitual');
});

test('religious, ethnic or regional words alone, victims, negations and condemnations pass', () => {
  for (const t of [
    'Мусулмонон иди Рамазонро бо хурсандӣ ҷашн гирифтанд.',
    'Диндорон терроризмро маҳкум мекунанд.',
    'Муҳоҷирон террорист нестанд.',
    'Мигранты стали жертвами нападения националистов.',
    'Muslims are the main victims of IS-K violence.',
    'Pamiris are not separatists.',
    'Recruiters target lonely migrants.',
  ])
    assert.equal(reviewMessage(t).ok, true, t);
});

test('the tuning set is fully right (regression guard); bad set lines are coded errors', () => {
  const s = scoreReview(readReviewSet(dev));
  assert.equal(s.n, 64);
  assert.deepEqual(
    s.errors.map((e) => e.id),
    [],
  );
  assert.throws(
    () => readReviewSet(fileURLToPath(new URL('../../eval/benign.jsonl', import.meta.url))),
    (e: unknown) => e instanceof OgohError && e.code === 'INPUT_FIELD' && e.line === 1,
  );
});
