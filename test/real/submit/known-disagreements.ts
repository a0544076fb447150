/**
 * Cases where HTCondor's parser reads our description differently from
 * what the driver meant. Their tests are registered with `test.failing`:
 * they stay visible in every run, and turn red once the encoder is fixed,
 * so that the entry here is removed with the fix.
 */
const DOLLAR_VALUES = ['DOLLAR macro', 'match-time macro', 'double dollar', 'match-time expression'];

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

export function knownDisagreement(field: string, valueName: string): string | undefined {
  if (DOLLAR_VALUES.includes(valueName)) return DOLLAR_RESCAN;
  if (field === 'image elsewhere' && valueName === 'comma') return IMAGE_COMMA;
  return undefined;
}
