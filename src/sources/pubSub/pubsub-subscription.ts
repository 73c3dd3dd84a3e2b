// Making sure the event's subscription exists and belongs to its topic, as Argo does:
//   subscription exists | topic given | action
//   no                  | no          | refused (nothing to create it on)
//   yes                 | no          | use it
//   yes                 | yes         | verify it is attached to that topic
//   no                  | yes         | create it (and the topic, when that is missing too)
// On the real service existence is asked through testIamPermissions (needs no get permission);
// on an emulator (PUBSUB_EMULATOR_HOST) through getMetadata, which emulators answer.
import type { PubSub } from '@google-cloud/pubsub';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import type { PubSubNames } from './pubsub-names.js';

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const DELETED_TOPIC = '_deleted-topic_';

const code = (e: unknown) => (e as { code?: unknown }).code;

async function subscriptionExists(client: PubSub, names: PubSubNames): Promise<boolean> {
  const sub = client.subscription(names.subscriptionName);
  if (client.isEmulator) {
    try {
      await sub.getMetadata();
      return true;
    } catch (e) {
      if (code(e) === NOT_FOUND) return false;
      throw e;
    }
  }
  try {
    const [granted] = await sub.iam.testPermissions(['pubsub.subscriptions.consume']);
    if (granted['pubsub.subscriptions.consume']) return true;
    throw new ListenerConfigError(`you lack permission to pull from ${names.subscriptionName} (pubsub.subscriptions.consume)`);
  } catch (e) {
    if (code(e) === NOT_FOUND) return false;
    throw e;
  }
}

async function create(client: PubSub, topicName: string, names: PubSubNames): Promise<'created' | 'no topic'> {
  try {
    await client.createSubscription(topicName, names.subscriptionName);
    return 'created';
  } catch (e) {
    if (code(e) === ALREADY_EXISTS) return 'created';
    if (code(e) === NOT_FOUND) return 'no topic';
    throw e;
  }
}

/** Resolves once the subscription can be consumed; ListenerConfigError when it never can. */
export async function prepareSubscription(client: PubSub, names: PubSubNames): Promise<'existing' | 'created'> {
  const exists = await subscriptionExists(client, names);
  const { topicName } = names;
  if (!topicName) {
    if (!exists)
      throw new ListenerConfigError(`subscription ${names.subscriptionName} does not exist; specify topic to have it created`);
    return 'existing';
  }
  if (exists) {
    const [meta] = await client.subscription(names.subscriptionName).getMetadata();
    if (meta.topic === DELETED_TOPIC)
      throw new ListenerConfigError(`the topic of subscription ${names.subscriptionName} has been deleted`);
    if (meta.topic !== topicName)
      throw new ListenerConfigError(`subscription ${names.subscriptionName} belongs to topic ${meta.topic}, not ${topicName}`);
    return 'existing';
  }
  if ((await create(client, topicName, names)) === 'created') return 'created';
  try {
    await client.createTopic(topicName);
  } catch (e) {
    if (code(e) !== ALREADY_EXISTS) throw e;
  }
  if ((await create(client, topicName, names)) === 'no topic') throw new Error(`topic ${topicName} vanished while subscribing`);
  return 'created';
}
