// QBO error bodies, exactly as the API returns them (`code` is a string).

export type FaultType =
  | 'ValidationFault'
  | 'SystemFault'
  | 'AuthenticationFault'
  | 'AuthorizationFault'
  | 'SERVICE'
  | 'AUTHENTICATION'
  | 'AUTHORIZATION';

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

export interface FaultBody {
  type: FaultType;
  Error: FaultError[];
}

/** Thrown by operations; the HTTP layer answers `{Fault, time}` with `status`, batch wraps it per item. */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly fault: FaultBody,
  ) {
    super(fault.Error[0]?.Message ?? 'Fault');
  }
}

function validation(code: string, message: string, detail: string, element = ''): QboFault {
  return new QboFault(400, { Error: [{ Message: message, Detail: detail, code, element }], type: 'ValidationFault' });
}

export const faults = {
  notFound: (status = 400) =>
    new QboFault(status, {
      Error: [
        {
          Message: 'Object Not Found',
          Detail:
            "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
          code: '610',
          element: '',
        },
      ],
      type: 'ValidationFault',
    }),
  /** A path id that is not a whole number (e.g. `item/1.5`): QBO validates the id before looking it up. */
  invalidId: (supplied: string) =>
    validation('2030', 'Invalid ID', `Id should be a valid number. Supplied value:${supplied}`, 'Id'),
  unsupportedProperty: (name: string) =>
    validation(
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:Unrecognized field "${name}" specified is unsupported or invalid`,
    ),
  malformedBody: (detail: string) =>
    validation('2010', 'Request has invalid or unsupported property', `Property Name:${detail}`),
  requiredParam: (detail: string, element = '') =>
    validation('2020', 'Required param missing, need to supply the required value for the API', detail, element),
  stringLength: (field: string, max: number) =>
    validation(
      '2050',
      'String length is either shorter or longer than supported by specification',
      `String length specified does not match the supported length. Min:1 Max:${max} supported. Supplied length:${field}`,
    ),
  invalidEnumeration: (value: string) => validation('2170', 'Invalid Enumeration', `Invalid Enumeration : ${value}`),
  invalidReference: (detail: string) => validation('2500', 'Invalid Reference Id', `Invalid Reference Id : ${detail}`),
  businessValidation: (detail: string) =>
    validation('6000', 'A business validation error has occurred while processing your request', detail),
  duplicateName: () => validation('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : null'),
  staleObject: (otherUser: string) =>
    validation(
      '5010',
      'Stale Object Error',
      `Stale Object Error : You and ${otherUser} were working on this at the same time. ${otherUser} finished before you did, so your work was not saved.`,
    ),
  missingInventoryQty: () =>
    validation('6520', 'Missing Inventory Item Quantity', 'Quantity required for inventory item'),
  unsupportedOperation: (detail: string, status = 400) =>
    new QboFault(status, {
      Error: [{ Message: 'Unsupported Operation', Detail: detail, code: '500', element: '' }],
      type: 'ValidationFault',
    }),
  queryParse: (detail: string) => validation('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (code: string, detail: string) =>
    validation(code, 'Invalid query', `QueryValidationError: ${detail}`),
  system: (status: number) =>
    new QboFault(status, {
      Error: [
        {
          Message: 'An application error has occurred while processing your request',
          Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data.',
          code: '10000',
          element: '',
        },
      ],
      type: 'SystemFault',
    }),
};

export function faultResponse(fault: FaultBody, time: string): { Fault: FaultBody; time: string } {
  return { Fault: fault, time };
}

/** The 3001 throttle body, as JSON. */
export function throttleFault(): FaultBody {
  return {
    Error: [
      {
        Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
        Detail: 'The request limit was reached.  Try again later',
        code: '3001',
      },
    ],
    type: 'SERVICE',
  };
}

/** The 3001 throttle body as XML: real QBO often answers XML here even when JSON was asked for. */
export function throttleXml(time: string): string {
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${time}">`,
    `<Fault type="SERVICE"><Error code="3001">`,
    `<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>`,
    `<Detail>The request limit was reached.  Try again later</Detail>`,
    `</Error></Fault></IntuitResponse>`,
  ].join('');
}

/** Standard-cased 401 (code 3200) and 403 (code 3100) bodies. */
export function authFault(kind: 'authentication' | 'authorization', detail: string): FaultBody {
  return kind === 'authentication'
    ? {
        Error: [
          { Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', Detail: detail, code: '3200' },
        ],
        type: 'AUTHENTICATION',
      }
    : {
        Error: [
          {
            Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
            Detail: detail,
            code: '3100',
          },
        ],
        type: 'SERVICE',
      };
}

/** The lowercase API-gateway variant of the 401/403 bodies (`time` in epoch milliseconds). */
export function gatewayAuthFault(kind: 'authentication' | 'authorization', detail: string, epochMs: number): object {
  const error =
    kind === 'authentication'
      ? {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail,
          code: '3200',
          element: null,
        }
      : {
          message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
          detail,
          code: '3100',
          element: null,
        };
  return {
    warnings: null,
    intuitObject: null,
    fault: { error: [error], type: kind === 'authentication' ? 'AUTHENTICATION' : 'SERVICE' },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: epochMs,
    status: null,
    cdcresponse: [],
  };
}
