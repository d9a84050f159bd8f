// Shared by the SDK scripts: runs named checks, each catching its own failure, and prints one JSON
// object {check: result} on stdout for the JUnit test to assert on. A failed check records the
// error's class name, status and message, so tests can also assert on how an SDK parsed an error.
export const env = {
  baseUrl: process.env.SPILLWAY_URL, // e.g. http://127.0.0.1:8080
  model: process.env.SPILLWAY_MODEL ?? 'chat',
  failoverModel: process.env.SPILLWAY_FAILOVER_MODEL ?? process.env.SPILLWAY_MODEL ?? 'chat',
  mediaModel: process.env.SPILLWAY_MEDIA_MODEL ?? process.env.SPILLWAY_MODEL ?? 'media',
  // The model the failover checks name (its first target must fail), and headers that make the proxy
  // fail over (the quickstart's outage drill; nothing on loopback, whose primary fails).
  failoverHeaders: JSON.parse(process.env.SPILLWAY_FAILOVER_HEADERS ?? '{}'),
  only: process.env.SPILLWAY_ONLY ? process.env.SPILLWAY_ONLY.split(',') : null,
};

export async function run(checks) {
  const results = {};
  for (const [name, check] of Object.entries(checks)) {
    if (env.only && !env.only.includes(name)) continue;
    try {
      results[name] = { ok: true, value: await check() };
    } catch (error) {
      results[name] = {
        ok: false,
        errorClass: error?.constructor?.name,
        name: error?.name ?? null,
        status: error?.status ?? error?.statusCode ?? null,
        message: String(error?.message ?? error),
        type: error?.error?.error?.type ?? error?.error?.type ?? null,
      };
    }
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

/** The routing headers of a response, from a fetch Headers object. */
export function routing(headers) {
  return {
    servedBy: headers.get('x-spillway-served-by'),
    attempts: headers.get('x-spillway-attempts'),
    fallbackReason: headers.get('x-spillway-fallback-reason'),
    requestId: headers.get('x-request-id'),
  };
}

export const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
};

export const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 1 } },
  required: ['city', 'population'],
  additionalProperties: false,
};
