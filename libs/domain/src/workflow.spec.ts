import { EVALUATION_STATUSES, nextStatus, statusesAllowing, WORKFLOW_ACTIONS } from './workflow.js';

describe('evaluation workflow', () => {
  it('follows draft → submitted → approved → recognised', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'recognise')).toBe('recognised');
  });

  it('returns a submitted evaluation to draft, and reopens approved or recognised ones', () => {
    expect(nextStatus('submitted', 'return')).toBe('draft');
    expect(nextStatus('approved', 'reopen')).toBe('draft');
    expect(nextStatus('recognised', 'reopen')).toBe('draft');
  });

  it('lets drafts and submitted evaluations be edited, the latter going back to draft', () => {
    expect(nextStatus('draft', 'edit')).toBe('draft');
    expect(nextStatus('submitted', 'edit')).toBe('draft');
    expect(nextStatus('approved', 'edit')).toBeNull();
    expect(nextStatus('recognised', 'edit')).toBeNull();
  });

  it('refuses every other move', () => {
    const allowed = new Set([
      'draft:edit',
      'submitted:edit',
      'draft:submit',
      'submitted:approve',
      'submitted:return',
      'approved:recognise',
      'approved:reopen',
      'recognised:reopen',
    ]);
    for (const status of EVALUATION_STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        expect(nextStatus(status, action) !== null).toBe(allowed.has(`${status}:${action}`));
      }
    }
    expect(statusesAllowing('reopen')).toEqual(['approved', 'recognised']);
  });
});
