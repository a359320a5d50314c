import type { WriteProblem } from '../../../shared/sync/writeCheck';

/** A write the rules do not allow (a step's requirements, the write policy): its messages are shown as they are. */
export class ActionRefusedError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('；'));
  }
}

/**
 * A write the write policy does not allow this user (shared/sync/writePolicy.ts): the server would
 * refuse it, so it is not stored here either. The messages name the field, never a value.
 */
export class WriteRefusedError extends ActionRefusedError {
  constructor(readonly fieldProblems: WriteProblem[]) {
    super(fieldProblems.map((problem) => problem.message));
  }
}
