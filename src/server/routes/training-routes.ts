/**
 * Staff training on release of information (45 CFR 164.530(b)(1)): every staff member can
 * take the scenario quiz (`src/core/training`, checked against the gate) and gets each
 * answer explained with its citation; a passed attempt is recorded as their completion,
 * and the admin sees completion per staff member.
 */
import { z } from 'zod';
import { gradeAttempt, SCENARIOS } from '../../core/training/index.ts';
import { completionReport, recordOwnCompletion } from '../../db/chart/release-training-repository.ts';
import { ANY_ROLE } from '../access.ts';
import { CompletionOut, TrainingQuestionOut, TrainingResultOut } from '../../api/training.ts';
import { ctxOf, ERROR_RESPONSES, NO_STORE, type RouteGroup } from './route-kit.ts';

/** The quiz as staff see it: no answer key before they answer. */
export const trainingRoutes: RouteGroup = (app, deps) => {
  app.get('/api/training/questions', {
    config: { access: { roles: ANY_ROLE } },
    schema: { tags: ['training'], summary: 'The release-of-information quiz (scenarios without the answer key)', response: { 200: z.array(TrainingQuestionOut), ...ERROR_RESPONSES } },
    handler: () => SCENARIOS.map((s) => ({ id: s.id, topic: s.topic, prompt: s.prompt, choices: s.choices.map((c) => c.text) })),
  });

  app.post('/api/training/attempts', {
    config: { access: { roles: ANY_ROLE } },
    schema: {
      tags: ['training'],
      summary: 'Grade your answers; every question comes back explained with its citation. A pass (80%) is recorded as your completion',
      body: z.object({ answers: z.record(z.string().max(100), z.number().int().min(0).max(10)) }).meta({ id: 'TrainingAttempt' }),
      response: { 200: TrainingResultOut, ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      const result = gradeAttempt(request.body.answers);
      const percent = Math.round(result.score * 100);
      const completionId = result.passed ? await recordOwnCompletion(ctxOf(deps, request), percent) : null;
      return { score: percent, correctCount: result.correctCount, total: result.total, passed: result.passed, passMark: result.passMark, completionId, feedback: [...result.feedback] };
    },
  });

  app.get('/api/training/completions', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['training'],
      summary: 'Release-of-information training completion per staff member',
      response: { 200: z.array(CompletionOut), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', NO_STORE);
      return completionReport(ctxOf(deps, request));
    },
  });
};
