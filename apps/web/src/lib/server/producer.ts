import { createProducer, createQueueFactory, type Producer } from '@supervise/queue';
import { env } from './env.js';

let producer: Producer | undefined;

/** The web app's one producer of catalogue jobs (an upload's parse, an import, a draw's tasks). */
export function jobProducer(): Producer {
  if (!producer) {
    producer = createProducer(createQueueFactory(env().queue));
    process.once('sveltekit:shutdown', () => void producer?.close());
  }
  return producer;
}
