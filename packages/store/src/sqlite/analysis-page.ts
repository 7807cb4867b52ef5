/**
 * An analysis page's commit on SQLite (Store.commitAnalysisPage): its signatures, story
 * assignments and "analysed" marker, and the data version, in one transaction. The store's own
 * connection runs it for small pages; large ones go to the page writer's thread, which runs this
 * same function on a connection of its own (page-writer.ts).
 */
import type { SignatureRow, StoryAssignment } from '@ogoh/core';
import type { Db } from './db.ts';
import { markAnalysed } from './items.ts';
import { putSignatures } from './signatures.ts';
import { assignStories } from './stories.ts';

export interface AnalysisPage {
  assignments: StoryAssignment[];
  analysed: string[];
  at: string;
  signatures?: SignatureRow[];
}

export function commitPage(db: Db, page: AnalysisPage): void {
  db.writeAll(() => {
    if (page.signatures?.length) putSignatures(db, page.signatures);
    assignStories(db, page.assignments);
    markAnalysed(db, page.analysed, page.at);
    if (page.assignments.length || page.analysed.length) bumpDataVersion(db);
  });
}

/** After a write (never before: a view computed meanwhile would be cached under the old version). */
export function bumpDataVersion(db: Db): void {
  db.stmt('UPDATE data_version SET n = n + 1, changed_at = ? WHERE id = 1').run(new Date().toISOString());
}
