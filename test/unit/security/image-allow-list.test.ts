import fc from 'fast-check';
import { buildSubmitDescription } from '../../../executor/condor/submit/build';
import { BuildFailure } from '../../../executor/errors';
import { matchesGlob, resolveImage } from '../../../executor/job/image';
import { CAT_IMAGE } from '../../../executor/settings/defaults';
import { baseStageJob } from './submit-fields';
import { pipelineString } from './hostile-strings';
import { jobWith, settingsWith } from './job-fixtures';

const CVMFS = '/cvmfs/unpacked.cern.ch/registry.hub.docker.com/cmssw/*';
const REGISTRY = 'gitlab-registry.cern.ch/cms-cat/*';
const EXACT = 'docker://python:3.12-slim';
const allowing = settingsWith((s) => {
  s.container.allow_job_image = true;
  s.container.allowed_images = [CVMFS, REGISTRY, EXACT];
});

const asked = (image: string) => jobWith({}, { image });
const byVariable = (image: string) => jobWith({ HTCONDOR_IMAGE: image });

test('without image: the admin default, the CAT image', () => {
  expect(resolveImage(settingsWith(), jobWith())).toBe(CAT_IMAGE);
  expect(resolveImage(allowing, jobWith())).toBe(CAT_IMAGE);
});

test('a job image on a runner that accepts none is a build failure', () => {
  expect(() => resolveImage(settingsWith(), asked('docker://alpine'))).toThrow(BuildFailure);
  expect(() => resolveImage(settingsWith(), asked('docker://alpine'))).toThrow(
    /does not accept a job image.*docker:\/\/alpine/,
  );
  expect(resolveImage(settingsWith(), asked(CAT_IMAGE))).toBe(CAT_IMAGE);
});

test.each([
  ['a /cvmfs glob', '/cvmfs/unpacked.cern.ch/registry.hub.docker.com/cmssw/el9:x86_64'],
  ['a registry glob', 'gitlab-registry.cern.ch/cms-cat/cat-image:v3@sha256:abc123'],
  ['an exact name', 'docker://python:3.12-slim'],
])('an image matching %s is used', (_what, image) => {
  expect(resolveImage(allowing, asked(image))).toBe(image);
  expect(resolveImage(allowing, byVariable(image))).toBe(image);
});

test.each([
  ['another registry', 'registry.example.org/cms-cat/x'],
  ['a neighbour of the /cvmfs tree', '/cvmfs/unpacked.cern.ch/registry.hub.docker.com/cmsswx/el9'],
  ['a tag of the exact name', 'docker://python:3.13-slim'],
  ['an exact name plus a suffix', 'docker://python:3.12-slim2'],
])('an image from %s is refused, listing the allowed patterns', (_what, image) => {
  const refuse = () => resolveImage(allowing, asked(image));
  expect(refuse).toThrow(BuildFailure);
  expect(refuse).toThrow(`image ${JSON.stringify(image)} is not allowed on this runner`);
  for (const pattern of [CVMFS, REGISTRY, EXACT]) expect(refuse).toThrow(`\n  ${pattern}`);
});

test.each([
  ['leaves the allowed tree with ..', `${CVMFS.slice(0, -1)}../../../../../etc`],
  ['has a . component', `${CVMFS.slice(0, -1)}./el9`],
  ['has an empty component', `${CVMFS.slice(0, -1)}/el9`],
  ['holds a comma', `${CVMFS.slice(0, -1)}el9,/etc/passwd`],
  ['holds a blank', `${CVMFS.slice(0, -1)}el9 x`],
  ['holds a dollar', `${CVMFS.slice(0, -1)}$(DOLLAR)`],
  ['holds a line break', `${CVMFS.slice(0, -1)}el9\nqueue 5`],
  ['starts with a dash', '-v /etc:/etc'],
])('an image that %s is refused though a glob matches it', (_what, image) => {
  expect(() => resolveImage(allowing, asked(image))).toThrow(/is not an image name/);
  expect(() => resolveImage(allowing, byVariable(image))).toThrow(/^HTCONDOR_IMAGE /);
});

test('HTCONDOR_IMAGE wins over image:, under the same checks', () => {
  const job = jobWith({ HTCONDOR_IMAGE: 'docker://python:3.12-slim' }, { image: 'x/y' });
  expect(resolveImage(allowing, job)).toBe('docker://python:3.12-slim');
  const refused = jobWith({ HTCONDOR_IMAGE: 'evil/x' }, { image: EXACT });
  expect(() => resolveImage(allowing, refused)).toThrow(/"evil\/x" is not allowed/);
});

test('in globs only * and ? are special', () => {
  expect(matchesGlob('a.b', 'axb')).toBe(false);
  expect(matchesGlob('a?b', 'axb')).toBe(true);
  expect(matchesGlob('a+(b)', 'a+(b)')).toBe(true);
  expect(matchesGlob('a*', 'a/b/c')).toBe(true);
  expect(matchesGlob('[ab]', 'a')).toBe(false);
});

test('no container mode: no image, whatever the job asks', () => {
  const none = settingsWith((s) => (s.container.mode = 'none'));
  expect(resolveImage(none, asked('docker://alpine'))).toBeUndefined();
});

test('any image that is accepted is allowed by a pattern and encodes cleanly', () => {
  const open = settingsWith((s) => {
    s.container.allow_job_image = true;
    s.container.allowed_images = ['*'];
  });
  fc.assert(
    fc.property(pipelineString(), (image) => {
      let chosen: string | undefined;
      try {
        chosen = resolveImage(open, asked(image));
      } catch (error) {
        expect(error).toBeInstanceOf(BuildFailure);
        return;
      }
      const s = baseStageJob();
      s.image = chosen;
      expect(buildSubmitDescription(s).get('container_image')).toBe(chosen || undefined);
    }),
    { numRuns: 2000 },
  );
});
