// Child process of output-file.test.ts: writes a file through writeAllOrNothing a line every 20 ms, never finishing,
// so the test can interrupt it with the file half written. Usage: node slow-writer.fixture.ts <file>
import { openOutput, writeAllOrNothing } from './output-file.ts';

const file = process.argv[2]!;
await writeAllOrNothing(openOutput(file, { whole: true }), async (output) => {
  for (let line = 0; ; line++) {
    await output.write(`line ${line}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
