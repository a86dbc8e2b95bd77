import { benchRunning } from './device-owner';

/** Whether a benchmark runs in any tab of the site, so the chat can say why Load and Send wait. */
export class BenchWatch {
  running = $state(false);

  /** Starts looking (every second: Web Locks tell no one when a lock is taken); returns the stop. */
  start(): () => void {
    const look = async () => {
      this.running = await benchRunning();
    };
    void look();
    const timer = setInterval(() => void look(), 1000);
    return () => clearInterval(timer);
  }
}
