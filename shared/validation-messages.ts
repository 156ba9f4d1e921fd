import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * zod/mini carries no messages of its own ("Invalid input" for everything). The English locale gives
 * the messages the API has always answered in problem+json `errors` and operators read in
 * configuration errors; imported for this side effect by every module that shows an issue's message.
 * Only English: importing `z.locales` would bundle every language.
 */
z.config(en());
