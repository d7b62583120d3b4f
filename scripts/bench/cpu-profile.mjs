// Preloaded with NODE_OPTIONS=--import=<this file> (Node refuses --cpu-prof there): records a V8 CPU
// profile of the whole process and writes it to $CPU_PROFILE_DIR/<pid>.cpuprofile when it exits.
// In-thread inspector sessions answer synchronously, so the 'exit' handler can still collect it.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
