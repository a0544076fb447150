import { buildSubmitDescription } from '../../../executor/condor/submit/build';
import { encodePlain } from '../../../executor/condor/submit/encode';
import { baseStageJob } from './submit-fields';

/**
 * Cases where HTCondor's parser reads our description differently from
 * what the driver meant. Their tests are registered with `test.failing`
 * for as long as a probe of the encoder shows the fault is still there, so
 * they stay visible in every run; once the encoder refuses such values the
 * same rows run as ordinary tests, and the entry here can go.
 */
const DOLLAR_VALUES = [
  'DOLLAR macro', 'match-time macro', 'double dollar', 'match-time expression',
];

/**
 * executor/condor/submit/encode.ts escapeMacros: HTCondor rescans the text
 * that a `$(DOLLAR)` leaves, so a value "$(DOLLAR)" comes out as "$", and
 * "$$" as "$$(DOLLAR)" (a match-time macro).
 */
const DOLLAR_RESCAN = 'encode.ts escapeMacros: $(DOLLAR) is rescanned';

/**
 * executor/condor/submit/build.ts addContainer with encodePlain: HTCondor
 * transfers a container image that is not under /cvmfs as an input file and
 * splits it at commas, so the image "/images/a, b" adds "/images/a" and
 * "b" to TransferInput (and ContainerImage becomes "b").
 */
const IMAGE_COMMA = 'build.ts container_image: a comma adds input files';

function accepts(make: () => unknown): boolean {
  try {
    make();
    return true;
  } catch {
    return false;
  }
}

const dollarRescanned = accepts(() => encodePlain('probe', '$(DOLLAR)'));
const imageCommaTaken = accepts(() => {
  const s = baseStageJob('/tmp');
  s.image = '/images/a, b';
  return buildSubmitDescription(s);
});

export function knownDisagreement(field: string, valueName: string): string | undefined {
  if (dollarRescanned && DOLLAR_VALUES.includes(valueName)) return DOLLAR_RESCAN;
  if (imageCommaTaken && field === 'image elsewhere' && valueName === 'comma') return IMAGE_COMMA;
  return undefined;
}
