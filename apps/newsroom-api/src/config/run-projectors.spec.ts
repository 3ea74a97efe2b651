import { loadSettings } from './settings';

describe('RUN_PROJECTORS', () => {
  it('runs the projectors in the API unless set to false', () => {
    expect(loadSettings({}).runProjectors).toBe(true);
    expect(loadSettings({ RUN_PROJECTORS: ' ' }).runProjectors).toBe(true);
    expect(loadSettings({ RUN_PROJECTORS: 'TRUE' }).runProjectors).toBe(true);
    expect(loadSettings({ RUN_PROJECTORS: 'false' }).runProjectors).toBe(false);
  });

  it('refuses anything else rather than guess', () => {
    expect(() => loadSettings({ RUN_PROJECTORS: 'no' })).toThrow('RUN_PROJECTORS must be "true" or "false", got "no"');
  });
});
