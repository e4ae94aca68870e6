// Signs device-auth payloads exactly the way OpenClaw clients do (Node crypto, Ed25519), so the C# verifier is
// tested against real client signatures rather than against itself.
// stdin:  {"clientId","clientMode","role","scopes":[],"signedAtMs","token","nonce","platform","deviceFamily"}
// stdout: {"publicKey","publicKeyPem","deviceId","payloadV2","payloadV3","signatureV2","signatureV3"}
import { createHash, generateKeyPairSync, sign } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const spki = publicKey.export({ type: 'spki', format: 'der' });
const rawKey = spki.subarray(spki.length - 32);
const deviceId = createHash('sha256').update(rawKey).digest('hex');

const normalizeMetadata = (value) =>
  (typeof value === 'string' ? value.trim() : '').replace(/[A-Z]/g, (c) => c.toLowerCase());
const common = [
  deviceId,
  request.clientId,
  request.clientMode,
  request.role,
  (request.scopes ?? []).join(','),
  String(request.signedAtMs),
  request.token ?? '',
  request.nonce,
];
const payloadV2 = ['v2', ...common].join('|');
const payloadV3 = ['v3', ...common, normalizeMetadata(request.platform), normalizeMetadata(request.deviceFamily)].join('|');
const signPayload = (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64url');

process.stdout.write(JSON.stringify({
  publicKey: rawKey.toString('base64url'),
  publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
  deviceId,
  payloadV2,
  payloadV3,
  signatureV2: signPayload(payloadV2),
  signatureV3: signPayload(payloadV3),
}));
