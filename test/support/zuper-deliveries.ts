/**
 * Zuper delivery bodies shaped exactly like the one recorded from Zuper's webhook history (docs/zuper-behaviour.md,
 * "Delivery body"): flat, scalars as strings, `workflow_builder` a Python repr. Identifiers are made up.
 */
export function recordedZuperBody(
  event: string,
  record: Record<string, string>,
  triggeredAt: string = new Date().toISOString(),
): Record<string, unknown> {
  return {
    ...record,
    event,
    company_uid: '00000000-0000-4000-8000-00000000c0de',
    triggered_at: triggeredAt,
    triggered_by: '00000000-0000-4000-8000-0000000005e1',
    updated_by: '00000000-0000-4000-8000-0000000005e1',
    max_retries: '4',
    workflow_builder: "{'workflow_uid': None, 'from_workflow_builder': False}",
  };
}
