// Validates every object of a rendered overlay against its schema, as the API server would with strict field
// validation: types, required fields, enums and patterns by the validators that the kubernetes-models packages
// compiled (with ajv) from the Kubernetes OpenAPI and from each operator's CRDs; unknown fields by watching which
// fields those validators read. A validator reads every field its schema names, so a field of an object it looked
// into but never read is one the schema does not have; an object whose fields it never reads (a map, or a
// free-form object such as Strimzi's `config`) takes any field.
// Usage: node validate.mjs rendered.yaml  -> JSON array, one entry per object: valid | invalid (+ errors) | no-schema
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseAllDocuments } from "yaml";

const MODULES = fileURLToPath(new URL("./node_modules/", import.meta.url));
// Which package has the schemas of an apiVersion; the first that matches wins. Keycloak's CRDs are in no package
// registry (the operator publishes them only with its release), so its kinds come back as no-schema.
const PACKAGES = [
  [/^gateway\.networking\.k8s\.io\//, "@kubernetes-models/gateway-api"],
  [/^gateway\.envoyproxy\.io\//, "@kubernetes-models/envoy-gateway"],
  [/^kafka\.strimzi\.io\//, "@kubernetes-models/strimzi-kafka-operator"],
  [/^postgresql\.cnpg\.io\//, "@kubernetes-models/cloudnative-pg"],
  [/^monitoring\.coreos\.com\//, "@kubernetes-models/prometheus-operator"],
  [/^(v1|[a-z.]+\.k8s\.io\/v[0-9a-z]+|apps\/v1|policy\/v1|autoscaling\/v2|batch\/v1)$/, "kubernetes-models"],
];

function modelFile(apiVersion, kind) {
  const entry = PACKAGES.find(([re]) => re.test(apiVersion));
  if (!entry) return null;
  const file = `${MODULES}${entry[1]}/${apiVersion}/${kind}.js`;
  return existsSync(file) ? { file, schemas: `${MODULES}${entry[1]}/_schemas/` } : undefined;
}

// Every object becomes a proxy that notes the fields read from it, or that its fields were listed (a map).
function watch(value, seen, path = "") {
  if (value === null || typeof value !== "object") return value;
  const copy = Array.isArray(value) ? value.map((v, i) => watch(v, seen, `${path}/${i}`))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, watch(v, seen, `${path}/${k}`)]));
  if (Array.isArray(value)) return copy;
  const record = { read: new Set(), listed: false, target: copy, path };
  const proxy = new Proxy(copy, {
    get(t, k, r) { if (typeof k === "string") record.read.add(k); return Reflect.get(t, k, r); },
    has(t, k) { if (typeof k === "string") record.read.add(k); return Reflect.has(t, k); },
    ownKeys(t) { record.listed = true; return Reflect.ownKeys(t); },
  });
  seen.push(record);
  return proxy;
}

function unknownFields(seen) {
  const out = [];
  for (const r of seen) {
    if (r.listed || r.read.size === 0) continue; // a map or a free-form object: every key is allowed
    for (const k of Object.keys(r.target)) if (!r.read.has(k)) out.push(`${r.path}/${k}`);
  }
  return out;
}

const docs = parseAllDocuments(readFileSync(process.argv[2], "utf8")).map((d) => d.toJS()).filter(Boolean);
const results = [];
for (const doc of docs) {
  const id = `${doc.kind} ${doc.metadata?.name}`;
  const file = modelFile(doc.apiVersion, doc.kind);
  if (file === null) { results.push({ id, apiVersion: doc.apiVersion, status: "no-schema" }); continue; }
  if (file === undefined) { results.push({ id, apiVersion: doc.apiVersion, status: "invalid", errors: [`${doc.apiVersion} has no kind ${doc.kind}`] }); continue; }
  const schemaName = readFileSync(file.file, "utf8").match(/_schemas\/([A-Za-z0-9]+)/)[1];
  const schemaFile = `${file.schemas}${schemaName}.js`;
  const { validate } = await import(pathToFileURL(schemaFile).href);
  const seen = [];
  const watched = watch(doc, seen);
  const ok = validate(watched);
  const errors = ok ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  const unknown = unknownFields(seen).map((p) => `${p} is not a field of ${doc.apiVersion} ${doc.kind}`);
  results.push({ id, apiVersion: doc.apiVersion, status: errors.length + unknown.length ? "invalid" : "valid", errors: [...errors, ...unknown] });
}
console.log(JSON.stringify(results, null, 1));
