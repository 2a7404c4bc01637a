// The README walkthrough as a front end writes it, typed only by the client that
// openapi-typescript generates from the served schema (generated/api.d.ts). It is
// type-checked, never run: if the schema loses a type, a required field or a path
// parameter, `tsc --noEmit` fails here.
import type { components, operations } from "./generated/api";

type Schemas = components["schemas"];
type Json<Op extends keyof operations, Status extends number> = operations[Op] extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;
type PathId<Op extends keyof operations> = operations[Op]["parameters"]["path"] extends {
  id: infer Id;
}
  ? Id
  : never;

const API = "http://127.0.0.1:8000/api/v1";

async function call<T>(method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Token ${token}`;
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json()) as Schemas["ErrorDetail"] | Schemas["ValidationErrors"];
    throw new Error(JSON.stringify(error));
  }
  return (await response.json()) as T;
}

function describeUnits(type: Schemas["MeasurementType"]): string {
  const ranges = type.units.map((u) => `${u.unit}: ${u.min}-${u.max}`).join(", ");
  const methods = type.methods.map((m) => m.label).join(", ");
  return `${type.label} (${type.group}, ${type.value_kind}) ${ranges} ${methods}`;
}

function findingLine(finding: Schemas["Finding"]): string {
  const side: string = finding.side ?? "both";
  const value = finding.value === null ? "" : String(finding.value);
  const threshold: number | null = finding.threshold;
  const exercises: string[] = finding.strategies.map((code: Schemas["StrategyExercise"]) => code);
  const code: Schemas["FindingCode"] = finding.code;
  return `${code} ${side} ${finding.severity} ${finding.evidence} ${value} < ${threshold} ${exercises}`;
}

export async function walkthrough(): Promise<void> {
  const credentials: RequestBody<"auth_token_create"> = {
    username: "demo",
    password: "knee-demo-2026",
  };
  const { token } = await call<Json<"auth_token_create", 200>>("POST", "/auth/token/", null, credentials);

  const types = await call<Json<"measurement_types_list", 200>>("GET", "/measurement-types/", token);
  types.forEach((type) => console.log(describeUnits(type)));
  const findingTypes = await call<Json<"finding_types_list", 200>>("GET", "/finding-types/", token);
  findingTypes.forEach((t) => console.log(t.code, t.grade, t.strategies.map((s) => s.name)));
  const flags = await call<Json<"red_flags_list", 200>>("GET", "/red-flags/", token);
  const firstFlag: Schemas["RedFlagCode"] | undefined = flags[0]?.code;

  const newPatient: RequestBody<"patients_create"> = {
    first_name: "Maya",
    last_name: "Okafor",
    date_of_birth: "1991-04-12",
    sex: "female",
    affected_side: "left",
  };
  const patient = await call<Json<"patients_create", 201>>("POST", "/patients/", token, newPatient);

  const hipAbductor: Schemas["MeasurementCode"] = "hip_abductor_strength";
  const visit: RequestBody<"assessments_create"> = {
    patient: patient.id,
    assessed_on: "2026-11-20",
    body_mass_kg: 64,
    pain_nprs: 5,
    pain_sites: ["anterior"],
    red_flags: firstFlag ? [] : [],
    measurements: [
      { code: hipAbductor, side: "left", value: 15.5, unit: "kgf" },
      { code: hipAbductor, side: "right", value: 21, unit: "kgf" },
      { code: "single_leg_squat_fppa", side: "left", value: 16 },
      { code: "knee_to_wall", side: "left", value: 8.5 },
      { code: "ely_test", side: "left", value: true },
    ],
  };
  const assessment = await call<Json<"assessments_create", 201>>("POST", "/assessments/", token, visit);
  const assessmentId: PathId<"assessments_finalize_create"> = assessment.id;
  assessment.measurements.forEach((m) => console.log(m.code, m.side, m.value, m.unit, m.entered_unit));
  assessment.metrics.forEach((m) => console.log(m.code, m.measurement, m.side, m.value, m.unit));
  assessment.findings.forEach((f) => console.log(findingLine(f)));

  const correction: RequestBody<"assessments_measurements_partial_update"> = {
    measurements: [
      { code: "knee_to_wall", side: "left", value: 9 },
      { code: "ely_test", side: "left", value: null },
    ],
  };
  const corrected = await call<Json<"assessments_measurements_partial_update", 200>>(
    "PATCH",
    `/assessments/${assessmentId}/measurements/`,
    token,
    correction,
  );
  const first = corrected.findings[0];
  if (first) {
    const findingId: PathId<"findings_partial_update"> = first.id;
    const decision: RequestBody<"findings_partial_update"> = { status: "confirmed" };
    const decided = await call<Json<"findings_partial_update", 200>>(
      "PATCH",
      `/findings/${findingId}/`,
      token,
      decision,
    );
    console.log(decided.status, decided.decided_at);
  }
  const final = await call<Json<"assessments_finalize_create", 200>>(
    "POST",
    `/assessments/${assessmentId}/finalize/`,
    token,
  );
  const status: Schemas["AssessmentStatusEnum"] = final.status;

  const findings = await call<Json<"findings_list", 200>>("GET", `/findings/?assessment=${assessmentId}`, token);
  console.log(status, findings.count, findings.next ?? "last page", findings.results.length);

  const programId: PathId<"assessments_program_create"> = assessmentId;
  const program = await call<Json<"assessments_program_create", 201>>(
    "POST",
    `/assessments/${programId}/program/`,
    token,
  );
  const item = program.items[0];
  if (item) {
    const change: RequestBody<"program_items_partial_update"> = { sets: 2, notes: "Slowly" };
    const changed = await call<Json<"program_items_partial_update", 200>>(
      "PATCH",
      `/program-items/${item.id}/`,
      token,
      change,
    );
    const reasons: Schemas["ProgramReasonCode"][] = changed.reason;
    console.log(changed.exercise, changed.name, changed.sets, reasons);
  }
  const handoutId: PathId<"assessments_handout_retrieve"> = assessmentId;
  const handout = await fetch(`${API}/assessments/${handoutId}/handout.pdf`, {
    headers: { Authorization: `Token ${token}` },
  });
  console.log(handout.headers.get("Content-Type"));
}
