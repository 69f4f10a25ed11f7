import type { ApiContext } from './api-options';
import { authenticate } from './auth/authenticate';
import { refuseControlCharacters } from './refuse-control-characters';
import type { HttpApp } from './outbox-routes';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerComplianceRoutes } from './routes/compliance-routes';
import { registerLinkAdminRoutes } from './routes/link-admin-routes';
import { registerLinkRoutes } from './routes/link-routes';
import { registerNotificationRoutes } from './routes/notification-routes';
import { registerObligationActionRoutes } from './routes/obligation-action-routes';
import { registerObligationRoutes } from './routes/obligation-routes';
import { registerSubmissionRoutes } from './routes/submission-routes';
import { registerUnitImportRoutes } from './routes/unit-import-routes';
import { registerUnitRoutes } from './routes/unit-routes';
import { registerPlanCycleRoutes } from './routes/plan-cycle-routes';
import { registerPlanRoutes } from './routes/plan-routes';
import { PLAN_CONTENT_TYPES } from './routes/plan-source';
import { registerPlanWriteRoutes } from './routes/plan-write-routes';

/** Plain-text bodies (a plan's YAML, a units CSV) arrive as strings, up to the route's body limit. */
const TEXT_CONTENT_TYPES = [...PLAN_CONTENT_TYPES, 'text/csv'];

/**
 * Every `/api` route, behind the `authenticate` hook (who is asking: SSO proxy, bearer token or session cookie;
 * reporters are recognised by the link in the path). Each group lives in its own file under routes/.
 */
export function registerApiRoutes(app: HttpApp, api: ApiContext): void {
  void app.register(
    (scope, _options, done) => {
      scope.addHook('onRequest', authenticate({ db: api.db, trustedProxySecret: api.trustedProxySecret }));
      scope.addHook('preHandler', refuseControlCharacters);
      scope.addContentTypeParser(TEXT_CONTENT_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
      registerAuthRoutes(scope, api);
      registerPlanRoutes(scope, api);
      registerPlanWriteRoutes(scope, api);
      registerPlanCycleRoutes(scope, api);
      registerUnitRoutes(scope, api);
      registerUnitImportRoutes(scope, api);
      registerObligationRoutes(scope, api);
      registerObligationActionRoutes(scope, api);
      registerLinkAdminRoutes(scope, api);
      registerLinkRoutes(scope, api);
      registerSubmissionRoutes(scope, api);
      registerNotificationRoutes(scope, api);
      registerComplianceRoutes(scope, api);
      done();
    },
    { prefix: '/api' },
  );
}
