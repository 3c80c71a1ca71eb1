/** The bundled brush-deburring table behind "try with sample data". */
import sampleUrl from '../../../resources/samples/brush-deburring.csv?url';

export const SAMPLE_FILE_NAME = 'brush-deburring.csv';

export async function loadSampleFile(): Promise<File> {
  const response = await fetch(sampleUrl);
  if (!response.ok) throw new Error(`the sample data could not be loaded (HTTP ${response.status})`);
  return new File([await response.blob()], SAMPLE_FILE_NAME, { type: 'text/csv' });
}
