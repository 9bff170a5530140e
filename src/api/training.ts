/**
 * Release-of-information training response schemas, shared by the server
 * (`src/server/routes/training-routes.ts`) and the web client
 * (`src/web/release/release-api.ts`). Its own module so the OpenAPI components register in
 * the order the routes load. Pure: only zod.
 */
import { z } from 'zod';

/** A quiz question without its answer key. */
export const TrainingQuestionOut = z.object({ id: z.string(), topic: z.string(), prompt: z.string(), choices: z.array(z.string()) }).meta({ id: 'TrainingQuestion' });

/** Per-question feedback on a quiz attempt. */
export const TrainingFeedbackOut = z.object({ id: z.string(), chosen: z.number().nullable(), correct: z.boolean(), correctChoice: z.number(), correctText: z.string(), explanation: z.string(), citation: z.string() });

/** A scored quiz attempt. */
export const TrainingResultOut = z.object({ score: z.number(), correctCount: z.number(), total: z.number(), passed: z.boolean(), passMark: z.number(), completionId: z.string().nullable(), feedback: z.array(TrainingFeedbackOut) });

/** A user's training completion (the admin's report). */
export const CompletionOut = z.object({ userId: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()), active: z.boolean(), completedAt: z.string().nullable(), score: z.number().nullable(), attempts: z.number() });
