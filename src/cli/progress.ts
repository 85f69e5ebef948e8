import cliProgress from 'cli-progress';

/** A progress bar per step on a terminal; one line per step otherwise (logs, CI). */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  let lastLogged = 0;
  const update = (step: string, done: number, total: number) => {
    if (step !== current) {
      bar?.stop();
      bar = undefined;
      current = step;
      lastLogged = 0;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          { format: `${step.padEnd(28)} [{bar}] {value}/{total} {eta_formatted}`, stream },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
    }
    if (bar) bar.update(done);
    else if (done === total || done - lastLogged >= Math.max(1, Math.floor(total / 10))) {
      lastLogged = done;
      stream.write(`${step}: ${done}/${total}\n`);
    }
  };
  return { update, stop: () => bar?.stop() };
}
