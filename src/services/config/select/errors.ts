// The three errors SelectResourceConfig / SelectAggregateResourceConfig declare. AWS's wording for a
// parse error ("syntax error at line 1, column 51") is kept; the others are kanri's, in the same tone.
import { AwsError } from '../../../protocol/errors';

export function syntaxError(line: number, column: number): AwsError {
  return new AwsError('InvalidExpressionException', `syntax error at line ${line}, column ${column}`);
}

export function invalidExpression(message: string): AwsError {
  return new AwsError('InvalidExpressionException', message);
}

export function invalidLimit(limit: number): AwsError {
  return new AwsError('InvalidLimitException', `Limit ${limit} is outside the allowable range: it must be between 0 and 100.`);
}

export function invalidNextToken(): AwsError {
  return new AwsError('InvalidNextTokenException', 'The nextToken provided is invalid');
}
