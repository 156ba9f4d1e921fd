import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import type { Store } from '../../shared/store/client.js';
import { aggregationStateKey, legacyRatingCountsKey } from '../../shared/store/keys.js';
import { scan } from './republish.js';

/**
 * Puts a table's counts back the way the release before per-plan counts kept them: one item per
 * period holding every plan's scopes at the version of the last batch that touched the period, and
 * a state that does not say counts are per plan. The older release applied a batch to a period
 * whole, so this is only faithful when every plan's item of a period has taken the batch it last
 * saw: no batch in flight, or (`inFlight`) one the caller knows was applied everywhere. Answers
 * whether it converted (not a table nothing was counted in).
 */
export async function toLegacyCountsLayout(store: Store, { inFlight = false } = {}): Promise<boolean> {
  const { client, tableName } = store;
  const state = await aggregationRepository(store).getState();
  if (!state.countsByPlan || (state.phase === 'applying' ? !inFlight : state.version === 0)) return false;
  const items = (await scan(store)).filter((i) => i.type === 'rating-counts');
  for (const period of new Set(items.map((i) => String(i.period)))) {
    const plans = items.filter((i) => i.period === period);
    const published = plans.map((i) => JSON.parse(String(i.published)) as Record<string, Record<string, string>>);
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...legacyRatingCountsKey(period),
          type: 'rating-counts',
          period,
          appliedVersion: Math.max(...plans.map((i) => Number(i.appliedVersion))),
          data: JSON.stringify(Object.assign({}, ...plans.map((i) => JSON.parse(String(i.data)) as object))),
          published: JSON.stringify({
            summaries: Object.assign({}, ...published.map((p) => p.summaries)) as object,
            points: Object.assign({}, ...published.map((p) => p.points)) as object,
          }),
        },
      }),
    );
    for (const item of plans)
      await client.send(new DeleteCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK } }));
  }
  const { countsByPlan: _, ...older } = state;
  await client.send(
    new PutCommand({ TableName: tableName, Item: { ...aggregationStateKey, type: 'aggregation-state', ...older } }),
  );
  return true;
}
