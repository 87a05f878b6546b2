import { Refusal } from "../../platform/http.js";

/**
 * A request the dashboard API turns down: the status, a code for programs and a sentence for
 * people. The HTTP edge answers it as the API's JSON error (ApiErrorBody).
 */
export class ApiRefusal extends Refusal {
  override readonly name = "ApiRefusal";

  constructor(status: 400 | 401 | 403 | 404 | 409 | 503, code: string, message: string) {
    super(status, code, message);
  }
}
