import { savedNotice } from './saved-notice';

describe('savedNotice', () => {
  it('names the new revision', () => {
    expect(savedNotice({ success: 'Correction saved.', shownRevision: 3, revision: 4 })).toBe(
      'Correction saved. Saved as revision 4.',
    );
  });

  it('says so when the answer merged the change onto others’ changes', () => {
    expect(savedNotice({ success: 'Correction saved.', shownRevision: 3, revision: 6, mergedFrom: '3' })).toBe(
      'Correction saved. Saved as revision 6, merged: others changed other parts of the story since revision 3, and their changes are kept too.',
    );
  });

  it('says nothing changed when the revision did not move and nothing merged', () => {
    expect(savedNotice({ success: 'Headline saved.', shownRevision: 3, revision: 3, mergedFrom: null })).toBe(
      'Nothing changed: the story already said that.',
    );
  });
});
