// A case action as the workflow rules see it: the request's body without what only the record keeps
// (opinions, notes, reply texts). The server and the data generator hand every action to applyAction()
// through this one mapping.
import type { ActionInput } from './rules.ts';
import type { CaseActionBody } from './schema.ts';

export function workflowInputOf(body: CaseActionBody): ActionInput {
  switch (body.type) {
    case 'handOver':
      return { type: 'handOver', toPersonId: body.toPersonId };
    case 'proposeRefusal':
      return { type: 'proposeRefusal', reason: body.reason };
    case 'decide':
      return { type: 'decide', decision: body.decision, workableSuggestion: body.workableSuggestion ?? null };
    case 'requestConsultation':
      return { type: 'requestConsultation', convenerId: body.convenerId };
    case 'recordConsultation':
      return { type: 'recordConsultation', conclusion: body.conclusion };
    case 'recordReply':
      return { type: 'recordReply', method: body.method };
    case 'recordFeedback':
      return { type: 'recordFeedback', accepted: body.accepted };
    case 'recordFollowUp':
      return { type: 'recordFollowUp', outcome: body.outcome };
    case 'reopenRound':
      return { type: 'reopenRound', reason: body.reason };
    default:
      return { type: body.type };
  }
}
