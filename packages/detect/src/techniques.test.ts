import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TECHNIQUE_CATEGORIES, TECHNIQUE_IDS, TECHNIQUES, techniqueInfo } from './techniques.ts';

test('the 23 SemEval-2023 technique labels, exact strings, in 6 categories', () => {
  assert.equal(TECHNIQUES.length, 23);
  assert.equal(new Set(TECHNIQUE_IDS).size, 23);
  // the organisers' label file (scorers/techniques_subtask3.txt), copied verbatim
  const official =
    `Appeal_to_Authority Appeal_to_Popularity Appeal_to_Values Appeal_to_Fear-Prejudice Flag_Waving
    Causal_Oversimplification False_Dilemma-No_Choice Consequential_Oversimplification Straw_Man Red_Herring
    Whataboutism Slogans Appeal_to_Time Conversation_Killer Loaded_Language Repetition Exaggeration-Minimisation
    Obfuscation-Vagueness-Confusion Name_Calling-Labeling Doubt Guilt_by_Association Appeal_to_Hypocrisy
    Questioning_the_Reputation`.split(/\s+/);
  assert.deepEqual([...TECHNIQUE_IDS].sort(), [...official].sort());
  const sizes = TECHNIQUE_CATEGORIES.map((c) => TECHNIQUES.filter((t) => t.category === c).length);
  assert.deepEqual(sizes, [5, 5, 3, 3, 3, 4]);
  for (const t of TECHNIQUES) {
    assert.ok(t.names.en && t.names.ru && t.names.tg && t.definition, t.id);
  }
  assert.equal(techniqueInfo('Loaded_Language')?.category, 'Manipulative Wording');
  assert.equal(techniqueInfo('Loaded-Language'), undefined);
});
