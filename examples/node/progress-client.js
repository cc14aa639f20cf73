#!/usr/bin/env node
// The progress pipeline from Node.js, with KafkaJS 2.2.4 and @kafkajs/confluent-schema-registry 4.1.0 (npm ci).
//
//   node progress-client.js read [--target ID]
//       reads target-progress, progress-alerts and targets to their current end, decoding every record through the
//       schema registry; prints one JSON line per topic (and the latest value of ID on each, if given)
//   node progress-client.js report TARGET_ID DEPARTMENT_ID KIND VALUE UNIT [--event-time ISO] [--event-id ID] [--legacy-partitioner]
//       writes one progress report to progress-events with KafkaJS's default partitioner (murmur2, as Java's), or
//       with the LegacyPartitioner of KafkaJS 1.x; prints where it went
//
// Environment (defaults: the local stack, run from the repository's root):
//   BOOTSTRAP_SERVERS     127.0.0.1:9092
//   SCHEMA_REGISTRY_URL   http://127.0.0.1:8085/apis/ccompat/v7
//   READER_LOGIN          data/credentials/reader.properties             (read: the reader principal)
//   PRODUCER_LOGIN        data/credentials/external-producer.properties  (report: the external-producer principal)
//   REGISTRY_USER_INFO    user:password on the registry; default: the login file's basic.auth.user.info
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1' // the default is chosen on purpose below

const fs = require('fs')
const crypto = require('crypto')
const { Kafka, Partitioners, logLevel } = require('kafkajs')
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry')

const OUTPUTS = ['target-progress', 'progress-alerts', 'targets']
const EVENTS = 'progress-events'

/** A Java properties file as written by the pipeline (one key=value a line, ':' and '=' escaped). */
function properties(path) {
  const values = {}
  for (const raw of fs.readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim()
    if (!line || line[0] === '#' || line[0] === '!') continue
    let key = ''
    let value = ''
    let escaped = false
    let inValue = false
    for (const ch of line) {
      if (escaped) {
        if (inValue) value += ch; else key += ch
        escaped = false
      } else if (ch === '\\') escaped = true
      else if (!inValue && (ch === '=' || ch === ':')) inValue = true
      else if (inValue) value += ch
      else key += ch
    }
    values[key.trim()] = value.trim()
  }
  return values
}

/** The user, password and registry login from a login file: the same login on Kafka and on the registry. */
function login(variable, defaultPath) {
  const userInfo = properties(process.env[variable] || defaultPath)['basic.auth.user.info']
  const colon = userInfo.indexOf(':')
  const registryInfo = process.env.REGISTRY_USER_INFO || userInfo
  const registryColon = registryInfo.indexOf(':')
  return {
    username: userInfo.slice(0, colon),
    password: userInfo.slice(colon + 1),
    registry: { username: registryInfo.slice(0, registryColon), password: registryInfo.slice(registryColon + 1) },
  }
}

function clients(who) {
  const kafka = new Kafka({
    clientId: 'progress-node-example',
    brokers: (process.env.BOOTSTRAP_SERVERS || '127.0.0.1:9092').split(','),
    sasl: { mechanism: 'scram-sha-512', username: who.username, password: who.password },
    ssl: false,
    logLevel: logLevel.WARN,
  })
  const registry = new SchemaRegistry({
    host: process.env.SCHEMA_REGISTRY_URL || 'http://127.0.0.1:8085/apis/ccompat/v7',
    auth: who.registry,
  })
  return { kafka, registry }
}

async function read(target) {
  const { kafka, registry } = clients(login('READER_LOGIN', 'data/credentials/reader.properties'))
  const admin = kafka.admin()
  await admin.connect()
  try {
    for (const topic of OUTPUTS) {
      // read to the end as it is now: a partition is done once its batch reached the high watermark of the start
      const ends = new Map()
      for (const { partition, offset, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(offset) > BigInt(low)) ends.set(partition, BigInt(offset) - 1n)
      }
      const latest = new Map()
      let decoded = 0
      if (ends.size > 0) {
        // the reader may use progress-reader-* groups; a new one each run reads from the beginning, commits nothing
        const consumer = kafka.consumer({ groupId: `progress-reader-node-example-${crypto.randomUUID()}` })
        await consumer.connect()
        const done = new Promise((resolve, reject) => {
          consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
            if (ends.has(payload.partition) && BigInt(payload.lastOffset) >= ends.get(payload.partition)) {
              ends.delete(payload.partition)
            }
            if (ends.size === 0) resolve()
          })
          consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error))
        })
        await consumer.subscribe({ topic, fromBeginning: true }) // read_committed by default: outputs are transactional
        await consumer.run({
          autoCommit: false,
          eachMessage: async ({ message }) => {
            // keys are UTF-8 strings: the target id (alerts: targetId/KIND); values decode by their schema id
            latest.set(message.key.toString('utf8'), await registry.decode(message.value))
            decoded++
          },
        })
        await done
        await consumer.disconnect()
      }
      console.log(JSON.stringify({ topic, decoded, keys: latest.size }))
      if (target && latest.has(target)) {
        console.log(JSON.stringify({ topic, key: target, value: latest.get(target) }))
      }
    }
  } finally {
    await admin.disconnect()
  }
}

async function report(args) {
  const { kafka, registry } = clients(login('PRODUCER_LOGIN', 'data/credentials/external-producer.properties'))
  // the pipeline's registry registers schemas at deploy time only: use the subject's latest schema id
  const schemaId = await registry.getLatestSchemaId(`${EVENTS}-value`)
  const eventTime = args.eventTime ? new Date(args.eventTime) : new Date()
  const event = {
    eventId: args.eventId || crypto.randomUUID(), // the same id sent twice counts once: retry with the same id
    targetId: args.target,
    departmentId: args.department,
    reporter: 'node-example',
    kind: args.kind,
    value: args.value, // ["null","double"]: avsc takes a plain number for the union
    unit: args.unit,
    eventTime: eventTime.getTime(), // timestamp-millis: milliseconds since the epoch
    reportedAt: eventTime.getTime(),
    correctsEventId: null,
    note: null,
    channel: 'SENSOR',
  }
  const value = await registry.encode(schemaId, event)
  const producer = kafka.producer(args.legacyPartitioner ? { createPartitioner: Partitioners.LegacyPartitioner } : {})
  await producer.connect()
  try {
    const [sent] = await producer.send({ topic: EVENTS, acks: -1, messages: [{ key: args.target, value }] })
    console.log(JSON.stringify({ eventId: event.eventId, topic: sent.topicName, partition: sent.partition,
      offset: sent.baseOffset }))
  } finally {
    await producer.disconnect()
  }
}

function parse(argv) {
  const [command, ...rest] = argv
  const options = {}
  const positional = []
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--target') options.target = rest[++i]
    else if (rest[i] === '--event-time') options.eventTime = rest[++i]
    else if (rest[i] === '--event-id') options.eventId = rest[++i]
    else if (rest[i] === '--legacy-partitioner') options.legacyPartitioner = true
    else positional.push(rest[i])
  }
  if (command === 'read' && positional.length === 0) return { command, ...options }
  if (command === 'report' && positional.length === 5) {
    const [target, department, kind, value, unit] = positional
    return { command, target, department, kind, value: Number(value), unit, ...options }
  }
  throw new Error('usage: progress-client.js read [--target ID] | report TARGET_ID DEPARTMENT_ID KIND VALUE UNIT'
    + ' [--event-time ISO] [--event-id ID] [--legacy-partitioner]')
}

async function main() {
  const args = parse(process.argv.slice(2))
  if (args.command === 'read') await read(args.target)
  else await report(args)
}

main().catch((e) => {
  console.error(`progress-client: ${e.message}`)
  process.exit(1)
})
