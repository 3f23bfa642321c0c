import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OTHER_PROJECT, ProjectLabels } from './project-labels';

describe('ProjectLabels', () => {
  it('labels the first projects up to the cap, the rest as other', () => {
    const labels = new ProjectLabels(2);
    assert.equal(labels.labelOf('a'), 'a');
    assert.equal(labels.labelOf('b'), 'b');
    assert.equal(labels.labelOf('c'), OTHER_PROJECT);
    assert.equal(labels.labelOf('a'), 'a');
  });

  it('re-ranks by activity and reports the projects that lost their label', () => {
    const demoted: string[] = [];
    const labels = new ProjectLabels(1, (project) => demoted.push(project), 10);
    labels.labelOf('quiet');
    for (let n = 0; n < 9; n++) labels.labelOf('busy');
    assert.deepEqual(demoted, ['quiet']);
    assert.equal(labels.labelOf('busy'), 'busy');
    assert.equal(labels.labelOf('quiet'), OTHER_PROJECT);
  });

  it('labels nothing with a cap of 0', () => {
    assert.equal(new ProjectLabels(0).labelOf('a'), OTHER_PROJECT);
  });
});
