"""Arabic (ar, right to left): the texts residents read. Applied by translations/apply_sources.py
(run by `make extract-messages`). Keys are the English msgids; keep %(name)s placeholders as they
are. Arabic has six plural forms (see P); every form keeps %(num)d."""
T = {
    "Enter an e-mail address like name@example.nl": "اكتب بريدًا إلكترونيًا مثل name@example.nl",
    "Enter the name": "اكتب الاسم",
    "Name": "الاسم",
    "E-mail address": "البريد الإلكتروني",
    "Use at most %(max)d characters": "استخدم %(max)d حرفًا على الأكثر",
    "This page was open for a long time. Check the details and send them again.":
        "كانت هذه الصفحة مفتوحة لوقت طويل. راجع البيانات وأرسلها مرة أخرى.",
    "This field contains invisible characters we cannot store. Please type the text again.":
        "في هذا الحقل رموز غير مرئية لا نستطيع حفظها. اكتب النص مرة أخرى من فضلك.",
    "This page was open for a long time. Check your answers and send them again.":
        "كانت هذه الصفحة مفتوحة لوقت طويل. راجع إجاباتك وأرسلها مرة أخرى.",
    "Your name": "اسمك",
    "Enter your name": "اكتب اسمك",
    "Your phone number": "رقم هاتفك",
    "Enter your phone number": "اكتب رقم هاتفك",
    "We call you on this number.": "سنتصل بك على هذا الرقم.",
    "When can we call you best? (optional)": "متى يناسبك أن نتصل بك؟ (اختياري)",
    "For example: Tuesday morning, or after 2 o'clock.": "مثلًا: صباح الثلاثاء، أو بعد الساعة 2.",
    "What is it about?": "ما الموضوع؟",
    "Tell us in a few words what it is about": "اكتب الموضوع في كلمات قليلة",
    "A few words are enough. For example: a complaint about how I was treated at the desk.":
        "تكفي كلمات قليلة. مثلًا: شكوى عن طريقة معاملتي عند الشباك.",
    "Name of the caller": "اسم المتصل",
    "Enter the name of the caller": "اكتب اسم المتصل",
    "Phone number": "رقم الهاتف",
    "Enter the phone number": "اكتب رقم الهاتف",
    "Best time to call back (optional)": "أفضل وقت لمعاودة الاتصال (اختياري)",
    "Write in a few words what it is about": "اكتب الموضوع في كلمات قليلة",
    "Note": "ملاحظة",
    "Write why the request is closed": "اكتب لماذا أُغلق الطلب",
    "For example: called back, the question is answered and it is not a complaint.":
        "مثلًا: تم الاتصال، وتمت الإجابة عن السؤال، وهو ليس شكوى.",
    "You chose an answer by e-mail: enter an e-mail address":
        "اخترت الرد بالبريد الإلكتروني: اكتب بريدًا إلكترونيًا",
    "You chose an answer by phone: enter a phone number":
        "اخترت الرد بالهاتف: اكتب رقم هاتف",
    "You chose an answer by letter: enter the street, postcode and town":
        "اخترت الرد برسالة: اكتب الشارع والرمز البريدي والمدينة",
    "By letter": "برسالة",
    "By e-mail": "بالبريد الإلكتروني",
    "By phone": "بالهاتف",
    "Who is the complaint for?": "لمن الشكوى؟",
    "For myself": "لي أنا",
    "For someone else (with their permission)": "لشخص آخر (بموافقته)",
    "Choose who the complaint is for": "اختر لمن الشكوى",
    "How do you know this person?": "ما علاقتك بهذا الشخص؟",
    "For example: neighbour, volunteer, daughter": "مثلًا: جار، متطوع، ابنة",
    "Your phone number (optional)": "رقم هاتفك (اختياري)",
    "Your e-mail address (optional)": "بريدك الإلكتروني (اختياري)",
    "The person I file for agrees with this complaint and with sharing their details for it":
        "الشخص الذي أقدّم الشكوى عنه موافق عليها. وهو موافق أيضًا على أن أعطي بياناته لهذا الغرض",
    "Street and house number (optional)": "الشارع ورقم المنزل (اختياري)",
    "Postcode (optional)": "الرمز البريدي (اختياري)",
    "Town (optional)": "المدينة (اختياري)",
    "Phone number (optional)": "رقم الهاتف (اختياري)",
    "E-mail address (optional)": "البريد الإلكتروني (اختياري)",
    "How do you want to get our answer?": "كيف تريد أن يصلك ردّنا؟",
    "Choose how you want to get our answer": "اختر كيف تريد أن يصلك ردّنا",
    "What happened?": "ماذا حدث؟",
    "Describe what happened": "صف ما حدث",
    "Tell us what happened and why you are not happy about it.":
        "أخبرنا بما حدث ولماذا أنت غير راضٍ عنه.",
    "Date it happened": "تاريخ ما حدث",
    "Enter the date it happened": "اكتب تاريخ ما حدث",
    "For example: 20-11-2026. Not sure of the exact day? Give the date you think it was.":
        "مثلًا: 20-11-2026. لا تعرف اليوم بالضبط؟ اكتب التاريخ الذي تظنه.",
    "Time (optional)": "الوقت (اختياري)",
    "For example: 14:30": "مثلًا: 14:30",
    "Which team or department is it about? (optional)": "أي فريق أو قسم تقصد؟ (اختياري)",
    "Name of the employee, if you know it (optional)": "اسم الموظف، إن كنت تعرفه (اختياري)",
    "What would you like us to do? (optional)": "ماذا تريد أن نفعل؟ (اختياري)",
    "For example: an apology, an explanation, or that something changes.":
        "مثلًا: اعتذار، أو شرح، أو أن يتغيّر شيء.",
    "Client number (optional)": "رقم العميل (اختياري)",
    "You do not need a client number to complain.": "لا تحتاج إلى رقم عميل لتقديم شكوى.",
    "I don't know": "لا أعرف",
    "Enter your own name": "اكتب اسمك أنت",
    "You can only file for someone who agrees. Tick the box to confirm they agree.":
        "يمكنك تقديم شكوى عن شخص آخر فقط إذا كان موافقًا. ضع علامة في المربع لتؤكد موافقته.",
    "Confirmation of receipt": "تأكيد الاستلام",
    "Privacy statement": "بيان الخصوصية",
    "Enter your e-mail address": "اكتب بريدك الإلكتروني",
    "Phone": "الهاتف",
    "Letter": "رسالة",
    "E-mail": "البريد الإلكتروني",
    "At the desk": "عند الشباك",
    "Enter the date like 20-11-2026": "اكتب التاريخ مثل 20-11-2026",
    "Date": "التاريخ",
    "The date cannot be in the future": "لا يمكن أن يكون التاريخ في المستقبل",
    "What do you want to add?": "ماذا تريد أن تضيف؟",
    "Why do you withdraw your complaint? (optional)": "لماذا تسحب شكواك؟ (اختياري)",
    "Your e-mail address": "بريدك الإلكتروني",
    "Enter a phone number like 06 12345678": "اكتب رقم هاتف مثل 06 12345678",
    "Enter the time like 14:30": "اكتب الوقت مثل 14:30",
    "Your complaint is upheld. This means: we agree with you.":
        "شكواك مقبولة. هذا يعني: نحن نتفق معك.",
    "Your complaint is partly upheld. This means: we agree with you on some points, but not on all of them.":
        "شكواك مقبولة جزئيًا. هذا يعني: نتفق معك في بعض النقاط، لكن ليس فيها كلها.",
    "Your complaint is not upheld. This means: we do not find that we behaved wrongly.":
        "شكواك غير مقبولة. هذا يعني: لا نرى أننا تصرّفنا بشكل خاطئ.",
    "We found a solution together with you.": "وجدنا حلًا معك.",
    "You withdrew your complaint.": "سحبت شكواك.",
    "We could not handle your complaint (not admissible).": "لم نستطع معالجة شكواك (غير مقبولة شكلًا).",
    "Our judgement: %(outcome)s.": "رأينا: %(outcome)s.",
    "A complaint about this conduct has already been handled":
        "سبق أن عالجنا شكوى عن هذا التصرف",
    "The conduct took place more than a year before you made the complaint":
        "حدث التصرف قبل أكثر من سنة من تقديم الشكوى",
    "You could have made an objection against the conduct": "كان يمكنك تقديم اعتراض (bezwaar) على هذا التصرف",
    "You can or could appeal against the conduct": "يمكنك أو كان يمكنك الطعن في هذا التصرف",
    "A court (not an administrative court) judges or has judged the conduct":
        "محكمة (ليست محكمة إدارية) تنظر أو نظرت في هذا التصرف",
    "There is a criminal investigation or prosecution about the conduct":
        "هناك تحقيق جنائي أو ملاحقة قضائية بشأن هذا التصرف",
    "Your interest or the weight of the conduct is clearly too small":
        "مصلحتك أو أهمية التصرف صغيرة جدًا بشكل واضح",
    "We received your complaint %(reference)s": "استلمنا شكواك %(reference)s",
    "We do not handle your complaint %(reference)s": "لن نعالج شكواك %(reference)s",
    "We need more time for your complaint %(reference)s": "نحتاج إلى وقت أطول لشكواك %(reference)s",
    "Our answer to your complaint %(reference)s": "ردّنا على شكواك %(reference)s",
    "We contact you": "نتواصل معك",
    "If we do not handle your complaint, we tell you": "إذا لم نعالج شكواك، نخبرك بذلك",
    "Our answer": "ردّنا",
    "Our answer (extended)": "ردّنا (بعد تمديد المهلة)",
    "by %(date)s": "في موعد أقصاه %(date)s",
    "Do you disagree with this letter?": "هل لا توافق على هذه الرسالة؟",
    "Then you can ask the %(name)s to look at your complaint. Do this within one year after the date of this letter.":
        "يمكنك عندها أن تطلب من %(name)s النظر في شكواك. افعل ذلك خلال سنة من تاريخ هذه الرسالة.",
    "Then you can put your complaint to the %(name)s.": "يمكنك عندها أن تعرض شكواك على %(name)s.",
    "For your complaint, that is: %(party)s.": "بالنسبة لشكواك هذه الجهة هي: %(party)s.",
    "Phone: %(phone)s": "الهاتف: %(phone)s",
    "E-mail: %(email)s": "البريد الإلكتروني: %(email)s",
    "Website: %(url)s": "الموقع الإلكتروني: %(url)s",
    "%(first)s to %(last)s": "من %(first)s إلى %(last)s",
    "%(days)s, %(opens)s to %(closes)s": "%(days)s، من %(opens)s إلى %(closes)s",
    "Complaints coordinator": "منسق الشكاوى",
    "Complaints handler": "الموظف المسؤول عن الشكوى",
    "Reader": "قارئ",
    "Administrator": "مدير النظام",
    "Received": "مستلمة",
    "Acknowledged": "تم تأكيد الاستلام",
    "In handling": "قيد المعالجة",
    "Decided": "صدر القرار",
    "Closed": "مغلقة",
    "Forwarded": "محوّلة",
    "Not handled (declined)": "لن تُعالج",
    "Withdrawn": "مسحوبة",
    "Web form": "نموذج الموقع",
    "Informal": "غير رسمي",
    "Formal": "رسمي",
    "The complaint is clearly unfounded": "الشكوى بلا أساس بشكل واضح",
    "The complainant does not want to be heard": "صاحب الشكوى لا يريد محادثة",
    "The complainant did not answer in time whether they want to be heard":
        "لم يُجب صاحب الشكوى في الوقت المحدد هل يريد محادثة",
    "name": "الاسم",
    "address": "العنوان",
    "date": "التاريخ",
    "description": "الوصف",
    "signature": "التوقيع",
    "Your link to complaint %(reference)s": "رابطك إلى الشكوى %(reference)s",
    "First contact": "أول تواصل",
    "Error": "خطأ",
    "Complaints": "الشكاوى",
    "Skip to main content": "انتقل إلى المحتوى الرئيسي",
    "Language": "اللغة",
    "Follow your complaint": "تابع شكواك",
    "With this private link you can follow your complaint, add information or withdraw it:":
        "بهذا الرابط الشخصي يمكنك متابعة شكواك أو إضافة معلومات أو سحبها:",
    "Keep this link to yourself: anyone with the link can see your complaint.":
        "لا تعطِ هذا الرابط لأحد: كل من لديه الرابط يستطيع رؤية شكواك.",
    "Dear %(name)s,": "مرحبًا %(name)s،",
    "You asked for a new link to your complaint %(reference)s. With this private link you can follow your complaint, add information or withdraw it:":
        "طلبت رابطًا جديدًا إلى شكواك %(reference)s. بهذا الرابط الشخصي يمكنك متابعة شكواك أو إضافة معلومات أو سحبها:",
    "Did you not ask for this? Then you can ignore this e-mail.":
        "لم تطلب ذلك؟ يمكنك إذن تجاهل هذه الرسالة.",
    "Kind regards,": "مع أطيب التحيات،",
    "Due today": "آخر موعد اليوم",
    "Something went wrong": "حدث خطأ",
    "Something went wrong on our side": "حدث خطأ من جهتنا",
    "Please try again in a few minutes. Did you already get a reference number? Then we have your complaint.":
        "حاول مرة أخرى بعد بضع دقائق. هل حصلت على رقم شكوى؟ إذن شكواك وصلتنا.",
    "Need help? Mention this code: %(incident)s": "تحتاج إلى مساعدة؟ اذكر هذا الرمز: %(incident)s",
    "Go to the start page": "اذهب إلى الصفحة الرئيسية",
    "Page not found": "الصفحة غير موجودة",
    "You do not have access to this page": "ليس لديك إذن بفتح هذه الصفحة",
    "Check the address. Did you use a link from an e-mail? Then the link may be incomplete.":
        "تحقق من العنوان. هل استخدمت رابطًا من رسالة بريد إلكتروني؟ قد يكون الرابط ناقصًا.",
    "What you sent is too large": "ما أرسلته كبير جدًا",
    "Go back and make your text shorter.": "ارجع واجعل نصك أقصر.",
    "Your role does not allow this. Ask the administrator if you need it for your work.":
        "دورك لا يسمح بذلك. اسأل مدير النظام إذا كنت تحتاجه لعملك.",
    "This page cannot be used this way": "لا يمكن استخدام هذه الصفحة بهذه الطريقة",
    "Go back and try again.": "ارجع وحاول مرة أخرى.",
    "Our reference": "مرجعنا",
    "There is a problem": "هناك مشكلة",
    "Acknowledgement": "تأكيد الاستلام",
    "Notice of declining (Awb 9:8)": "إشعار بعدم المعالجة (Awb 9:8)",
    "Decision (Awb 9:11)": "القرار (Awb 9:11)",
    "Decision, extended": "القرار، بعد تمديد المهلة",
    "on the day of receipt": "في يوم الاستلام",
    "%(term)s after receipt": "بعد %(term)s من الاستلام",
    "on the day we received it": "في اليوم الذي استلمنا فيه شكواك",
    "%(term)s after we received it": "بعد %(term)s من استلامنا شكواك",
    "Complaint form": "نموذج الشكوى",
    "Are you not happy with how we treated you? Then you can make a complaint with this form. Write clearly, in capital letters if you can.":
        "هل أنت غير راضٍ عن طريقة معاملتنا لك؟ يمكنك إذن تقديم شكوى بهذا النموذج. اكتب بخط واضح.",
    "Parts with a * you must fill in. We need them to handle your complaint. You may leave the other parts empty.":
        "يجب أن تملأ الأجزاء التي عليها *. نحتاجها لمعالجة شكواك. يمكنك ترك الأجزاء الأخرى فارغة.",
    "You can also make your complaint online: %(address)s": "يمكنك أيضًا تقديم شكواك عبر الإنترنت: %(address)s",
    "Send the form to:": "أرسل النموذج إلى:",
    "Or scan it and e-mail it to %(email)s.": "أو امسحه ضوئيًا وأرسله إلى %(email)s.",
    "1. Your details": "1. بياناتك",
    "Street and house number": "الشارع ورقم المنزل",
    "Postcode and town": "الرمز البريدي والمدينة",
    "Client number": "رقم العميل",
    "2. Do you make the complaint for someone else?": "2. هل تقدّم الشكوى عن شخص آخر؟",
    "Then write the details of that person above, and your own details here.":
        "اكتب إذن بيانات ذلك الشخص في الأعلى، وبياناتك أنت هنا.",
    "%(number)d. Your complaint": "%(number)d. شكواك",
    "Not sure of the exact day? Give the date you think it was.":
        "لا تعرف اليوم بالضبط؟ اكتب التاريخ الذي تظنه.",
    "Time": "الوقت",
    "Which team or department is it about?": "أي فريق أو قسم تقصد؟",
    "Name of the employee, if you know it": "اسم الموظف، إن كنت تعرفه",
    "What would you like us to do?": "ماذا تريد أن نفعل؟",
    "%(number)d. How do you want to get our answer?": "%(number)d. كيف تريد أن يصلك ردّنا؟",
    "%(number)d. Date and signature": "%(number)d. التاريخ والتوقيع",
    "Signature": "التوقيع",
    "We use your details only to handle your complaint.":
        "نستخدم بياناتك فقط لمعالجة شكواك.",
    "Call me back": "اتصلوا بي",
    "Leave your name and phone number. The complaints coordinator calls you back within %(term)s.":
        "اترك اسمك ورقم هاتفك. سيتصل بك منسق الشكاوى خلال %(term)s.",
    "Send my request": "أرسل طلبي",
    "Do you want to make a complaint right away? You can also do that online.":
        "تريد تقديم شكوى الآن؟ يمكنك ذلك أيضًا عبر الإنترنت.",
    "Start your complaint": "ابدأ شكواك",
    "We will call you back": "سنتصل بك",
    "We call you by %(date)s at the latest.": "سنتصل بك في موعد أقصاه %(date)s.",
    "Best time to call you": "أفضل وقت للاتصال بك",
    "What it is about": "الموضوع",
    "What happens next?": "ماذا يحدث الآن؟",
    "The complaints coordinator calls you. Together you talk about what happened and what you can do. If you want, the coordinator writes down your complaint.":
        "سيتصل بك منسق الشكاوى. ستتحدثان معًا عمّا حدث وعمّا يمكنك فعله. إذا أردت، يكتب المنسق شكواك.",
    "Back to the start page": "العودة إلى الصفحة الرئيسية",
    "Check your answers": "راجع إجاباتك",
    "Step %(n)d of %(total)d": "الخطوة %(n)d من %(total)d",
    "What you complain about happened more than a year ago.":
        "ما تشتكي منه حدث قبل أكثر من سنة.",
    "We may not be able to handle your complaint. You can still send it. We will tell you what we do with it.":
        "ربما لا نستطيع معالجة شكواك. لكن يمكنك إرسالها. سنخبرك بما سنفعله بها.",
    "Change": "تغيير",
    "who the complaint is for": "لمن الشكوى",
    "Yes": "نعم",
    "No": "لا",
    "Not filled in": "لم يُملأ",
    "Send your complaint": "أرسل شكواك",
    "When you send your complaint, we save it and give you a reference number.":
        "عندما ترسل شكواك نحفظها ونعطيك رقم شكوى.",
    "Send complaint": "أرسل الشكوى",
    "We received your complaint": "استلمنا شكواك",
    "Your reference number is": "رقم شكواك هو",
    "We will send you a confirmation by e-mail within a few minutes. Did you not get it? Look in your spam folder, or contact us.":
        "سنرسل لك تأكيدًا بالبريد الإلكتروني خلال دقائق. لم يصلك؟ ابحث في مجلد البريد المزعج، أو تواصل معنا.",
    "You did not give an e-mail address. We confirm your complaint the way you chose.":
        "لم تعطنا بريدًا إلكترونيًا. سنؤكد استلام شكواك بالطريقة التي اخترتها.",
    "With this private link you can see how your complaint is going, add information or withdraw it. Keep the link safe: anyone with the link can see your complaint.":
        "بهذا الرابط الشخصي ترى ما يحدث في شكواك، ويمكنك إضافة معلومات أو سحبها. احفظ الرابط جيدًا: كل من لديه الرابط يستطيع رؤية شكواك.",
    "Your complaint": "شكواك",
    "About you": "عنك",
    "You file this complaint for someone else.": "أنت تقدّم هذه الشكوى عن شخص آخر.",
    "About the person you file for": "عن الشخص الذي تقدّم الشكوى عنه",
    "What would you like?": "ماذا تريد؟",
    "Continue": "التالي",
    "Make a complaint": "قدّم شكوى",
    "The staff of %(name)s do their best to help you. Are you not happy with how you were treated? Then you can make a complaint.":
        "يبذل موظفو %(name)s جهدهم لمساعدتك. هل أنت غير راضٍ عن طريقة معاملتك؟ يمكنك إذن تقديم شكوى.",
    "What is a complaint?": "ما هي الشكوى؟",
    "A complaint is about how we treated you or someone else. For example:":
        "الشكوى تكون عن طريقة معاملتنا لك أو لشخص آخر. مثلًا:",
    "An employee did not treat you properly.": "موظف لم يعاملك بشكل لائق.",
    "You got no answer to your letters, or the answer took too long.":
        "لم تحصل على رد على رسائلك، أو تأخر الرد كثيرًا.",
    "You did not get the information you asked for.": "لم تحصل على المعلومات التي طلبتها.",
    "We did not keep a promise.": "لم نفِ بوعد.",
    "Do you disagree with a decision?": "هل لا توافق على قرار؟",
    "For example a decision about your benefit. Then you do not make a complaint. You make an objection (bezwaar).":
        "مثلًا قرار عن إعانتك. في هذه الحالة لا تقدّم شكوى. بل تقدّم اعتراضًا (bezwaar).",
    "Read how to make an objection": "اقرأ كيف تقدّم اعتراضًا",
    "First talk to the employee": "تحدّث أولًا مع الموظف",
    "It often helps to talk to the employee who helped you. Does that not solve it? Then make a complaint.":
        "غالبًا يفيد الحديث مع الموظف الذي ساعدك. لم تُحل المشكلة؟ قدّم إذن شكوى.",
    "This takes about 10 minutes. You do not need an account.":
        "يستغرق هذا نحو 10 دقائق. لا تحتاج إلى حساب.",
    "Other ways to complain": "طرق أخرى لتقديم شكوى",
    "Outside these hours we write down your question and call you back.":
        "خارج هذه الساعات نكتب سؤالك ونتصل بك لاحقًا.",
    "Ask us to call you back": "اطلب أن نتصل بك",
    "Put your name, address, phone number, the date and your signature in the letter.":
        "اكتب في الرسالة اسمك وعنوانك ورقم هاتفك والتاريخ وتوقيعك.",
    "Or print our complaint form and fill it in (PDF, %(size)s)":
        "أو اطبع نموذج الشكوى واملأه (PDF، %(size)s)",
    "We confirm that we received your complaint.": "نؤكد لك أننا استلمنا شكواك.",
    "We contact you within %(term)s to talk about your complaint.":
        "نتواصل معك خلال %(term)s لنتحدث عن شكواك.",
    "You get a written answer within %(term)s.": "يصلك ردّ مكتوب خلال %(term)s.",
    "Did you already make a complaint?": "هل قدّمت شكوى من قبل؟",
    "You may make a complaint for someone else, for example as a volunteer or family member. That person must agree.":
        "يمكنك تقديم شكوى عن شخص آخر، مثلًا كمتطوع أو كفرد من العائلة. يجب أن يوافق ذلك الشخص.",
    "Received. We will confirm it soon.": "استُلمت. سنؤكد ذلك قريبًا.",
    "We are handling your complaint.": "نحن نعالج شكواك.",
    "We are looking into your complaint.": "نحن نبحث في شكواك.",
    "We have sent you our answer.": "أرسلنا لك ردّنا.",
    "Finished.": "انتهت.",
    "Sent on to the organisation it is about. We have told you which one.":
        "حُوّلت إلى الجهة المعنية. أخبرناك بأي جهة.",
    "We do not handle this complaint. We have told you why.":
        "لن نعالج هذه الشكوى. أخبرناك بالسبب.",
    "Withdrawn by you.": "سحبتها أنت.",
    "Check your e-mail": "افحص بريدك الإلكتروني",
    "If we have a complaint with the address %(email)s, we have sent a new link to it. It can take a few minutes.":
        "إذا كانت لدينا شكوى بالعنوان %(email)s، فقد أرسلنا إليه رابطًا جديدًا. قد يستغرق ذلك بضع دقائق.",
    "No e-mail? Check your spam folder. Or call us and mention your reference number.":
        "لم تصلك رسالة؟ ابحث في مجلد البريد المزعج. أو اتصل بنا واذكر رقم شكواك.",
    "Use the private link from the e-mail we sent you. Lost it? Fill in your e-mail address. We will send you a new link.":
        "استخدم الرابط الشخصي من الرسالة التي أرسلناها لك. أضعته؟ اكتب بريدك الإلكتروني. سنرسل لك رابطًا جديدًا.",
    "Send me my link": "أرسلوا لي رابطي",
    "Did you not give an e-mail address? Call us and mention your reference number.":
        "لم تعطنا بريدًا إلكترونيًا؟ اتصل بنا واذكر رقم شكواك.",
    "Your complaint %(reference)s": "شكواك %(reference)s",
    "Thank you. We added your information to your complaint.": "شكرًا. أضفنا معلوماتك إلى شكواك.",
    "You withdrew your complaint. We will not handle it any further.":
        "سحبت شكواك. لن نكمل معالجتها.",
    "Status": "الحالة",
    "Received on": "تاريخ الاستلام",
    "Dates": "تواريخ مهمة",
    "What happened so far": "ما حدث حتى الآن",
    "We received your complaint.": "استلمنا شكواك.",
    "We sent you a confirmation.": "أرسلنا لك تأكيد الاستلام.",
    "We contacted you.": "تواصلنا معك.",
    "You added information:": "أضفت معلومات:",
    "We sent you a new link to this page.": "أرسلنا لك رابطًا جديدًا إلى هذه الصفحة.",
    "We investigate your complaint and hear both sides.": "نبحث في شكواك ونستمع إلى الطرفين.",
    "We try to solve your complaint together with you.": "نحاول حل شكواك معك.",
    "We planned a talk with you on %(date)s.": "حدّدنا موعدًا للحديث معك في %(date)s.",
    "We talked with you about your complaint.": "تحدثنا معك عن شكواك.",
    "There is no talk about your complaint.": "لن تكون هناك محادثة عن شكواك.",
    "With your consent, the time for our answer stands still.": "بموافقتك توقف الوقت المحدد لردّنا.",
    "The time for our answer runs again.": "عاد الوقت المحدد لردّنا يسري.",
    "We need more time. We sent you a letter about it.":
        "نحتاج إلى وقت أطول. أرسلنا لك رسالة عن ذلك.",
    "We sent your complaint to %(recipient)s. That organisation handles it.":
        "أرسلنا شكواك إلى %(recipient)s. تلك الجهة ستعالجها.",
    "We do not handle your complaint. We sent you a letter that says why.":
        "لن نعالج شكواك. أرسلنا لك رسالة فيها السبب.",
    "We decided about your complaint. We sent you a letter with our answer.":
        "اتخذنا قرارًا في شكواك. أرسلنا لك رسالة فيها ردّنا.",
    "Your complaint is finished.": "انتهت معالجة شكواك.",
    "Letters we sent you": "رسائل أرسلناها لك",
    "%(subject)s (PDF)": "%(subject)s (PDF)",
    "Read this letter here": "اقرأ هذه الرسالة هنا",
    "Messages we sent you": "رسائل بريد أرسلناها لك",
    "Add information": "أضف معلومات",
    "Add to my complaint": "أضف إلى شكواي",
    "Withdraw your complaint": "اسحب شكواك",
    "Is your problem solved, or do you no longer want us to handle your complaint?":
        "هل حُلّت مشكلتك؟ أو لم تعد تريد أن نعالج شكواك؟",
    "Not happy with how we handle your complaint?": "غير راضٍ عن طريقة معالجتنا لشكواك؟",
    "After our answer you can go to the %(name)s.": "بعد ردّنا يمكنك التوجه إلى %(name)s.",
    "Are you sure you want to withdraw complaint %(reference)s?":
        "هل أنت متأكد أنك تريد سحب الشكوى %(reference)s؟",
    "If you withdraw your complaint, we stop handling it. You cannot undo this. You can make a new complaint later.":
        "إذا سحبت شكواك، نتوقف عن معالجتها. لا يمكنك التراجع عن ذلك. يمكنك تقديم شكوى جديدة لاحقًا.",
    "Yes, withdraw my complaint": "نعم، اسحب شكواي",
    "No, go back to my complaint": "لا، ارجع إلى شكواي",
    "complaint-form": "namudhaj-shakwa",
    "%(size)d KB": "%(size)d كيلوبايت",
    'You sent this form too often in a short time. Wait a few minutes and send it again. What you typed is still here.': 'لقد أرسلت هذا النموذج مرات كثيرة في وقت قصير. انتظر بضع دقائق ثم أرسله مرة أخرى. ما كتبته لا يزال هنا.',
    'You sent this too often': 'لقد أرسلت هذا مرات كثيرة جدًا',
    'Wait a few minutes. Then go back and send it again.': 'انتظر بضع دقائق. ثم ارجع وأرسله مرة أخرى.',
    # Files, the details form's questions, open data (added with those features)
    "For example a letter or a photo. PDF, JPG, PNG, HEIC or Word (DOCX), at most %(file)d MB a file and %(total)d MB together.":
        "مثلًا رسالة أو صورة. PDF أو JPG أو PNG أو HEIC أو Word (DOCX)، بحد أقصى %(file)d ميغابايت للملف و%(total)d ميغابايت للملفات كلها.",
    "Add files (optional)": "أضف ملفات (اختياري)",
    "Leave this field empty": "اترك هذا الحقل فارغًا",
    "Enter the street and house number": "اكتب الشارع ورقم المنزل",
    "Postcode": "الرمز البريدي",
    "Enter the postcode": "اكتب الرمز البريدي",
    "Town": "المدينة",
    "Enter the town": "اكتب المدينة",
    "Enter a phone number": "اكتب رقم هاتف",
    "Enter an e-mail address": "اكتب بريدًا إلكترونيًا",
    "Enter the time": "اكتب الوقت",
    "Choose the team or department": "اختر الفريق أو القسم",
    "Name of the employee": "اسم الموظف",
    "Enter the name of the employee": "اكتب اسم الموظف",
    "Tell us what you would like us to do": "اكتب ماذا تريد أن نفعل",
    "Date it happened (optional)": "تاريخ ما حدث (اختياري)",
    "For example: 20-11-2026": "مثلًا: 20-11-2026",
    "Enter a date": "اكتب تاريخًا",
    "From": "من",
    "Up to and including": "حتى (ويشمل)",
    "The end date cannot be before the start date": "لا يمكن أن يكون تاريخ النهاية قبل تاريخ البداية",
    "Type what you want to add, or add a file": "اكتب ما تريد إضافته، أو أضف ملفًا",
    "We cannot check files for viruses right now, so we did not keep this file. Try again later. Everything else you typed is kept.":
        "لا نستطيع الآن فحص الملفات من الفيروسات، لذلك لم نحفظ هذا الملف. حاول لاحقًا. كل ما كتبته غير ذلك محفوظ.",
    "This file contains a virus. We did not keep it.": "في هذا الملف فيروس. لم نحفظه.",
    "You can send at most %(count)d files.": "يمكنك إرسال %(count)d ملفات على الأكثر.",
    "This file is larger than %(size)s. Send a smaller file.": "هذا الملف أكبر من %(size)s. أرسل ملفًا أصغر.",
    "All files together may be at most %(size)s. Remove a file or send a smaller one.":
        "يجب ألّا يزيد حجم الملفات كلها على %(size)s. احذف ملفًا أو أرسل ملفًا أصغر.",
    "This type of file is not allowed. Send a PDF, JPG, PNG, HEIC or Word (DOCX) file":
        "هذا النوع من الملفات غير مسموح. أرسل ملف PDF أو JPG أو PNG أو HEIC أو Word (DOCX)",
    "This file is not what its name says. Send a real PDF, JPG, PNG, HEIC or Word (DOCX) file":
        "هذا الملف ليس كما يقول اسمه. أرسل ملف PDF أو JPG أو PNG أو HEIC أو Word (DOCX) حقيقيًا",
    "We cannot open this file. It may be damaged. Save it again and send it once more":
        "لا نستطيع فتح هذا الملف. ربما هو تالف. احفظه من جديد وأرسله مرة أخرى",
    "This file is empty. Choose another file": "هذا الملف فارغ. اختر ملفًا آخر",
    "This picture is too large. Send a smaller picture or a screenshot":
        "هذه الصورة كبيرة جدًا. أرسل صورة أصغر أو لقطة شاشة",
    "This PDF has a password. Send a PDF without a password": "ملف PDF هذا محمي بكلمة سر. أرسل ملف PDF بلا كلمة سر",
    "This file becomes far too large when it is opened. Send a smaller file":
        "يصبح هذا الملف كبيرًا جدًا عند فتحه. أرسل ملفًا أصغر",
    "This Word file contains macros. Save it as a normal Word file (DOCX) and try again":
        "في ملف Word هذا وحدات ماكرو. احفظه كملف Word عادي (DOCX) وحاول مرة أخرى",
    "%(file)s: %(problem)s": "%(file)s: %(problem)s",
    "Files": "الملفات",
    "No files": "لا توجد ملفات",
    "We first check your complaint. Then we send you a confirmation with your reference number, the way you chose.":
        "نفحص شكواك أولًا. ثم نرسل لك تأكيدًا فيه رقم شكواك، بالطريقة التي اخترتها.",
    "Remove": "احذف",
    "Add file": "أضف ملفًا",
    "We removed %(file)s.": "حذفنا %(file)s.",
    "We added %(file)s.": "أضفنا %(file)s.",
    "%(size)s kB": "%(size)s كيلوبايت",
    "%(size)s MB": "%(size)s ميغابايت",
    "We first check your request. Then we call you.": "نطّلع أولًا على طلبك. ثم نتصل بك.",
    "To do": "للتنفيذ",
    "Busy": "قيد التنفيذ",
    "Done": "تم",
}
# Babel's Arabic plural forms: 0, 1, 2, 3-10, (x)00-(x)02, the rest (11-99).
P = {
    "%(num)d week": ("%(num)d أسبوع", "%(num)d أسبوع", "%(num)d أسبوع", "%(num)d أسابيع",
                     "%(num)d أسبوع", "%(num)d أسبوعًا"),
    "%(num)d working day": ("%(num)d يوم عمل", "%(num)d يوم عمل", "%(num)d يوم عمل",
                            "%(num)d أيام عمل", "%(num)d يوم عمل", "%(num)d يوم عمل"),
    "%(num)d day": ("%(num)d يوم", "%(num)d يوم", "%(num)d يوم", "%(num)d أيام", "%(num)d يوم",
                    "%(num)d يومًا"),
    "Overdue by %(num)d day": ("متأخر %(num)d يوم", "متأخر %(num)d يوم", "متأخر %(num)d يوم",
                               "متأخر %(num)d أيام", "متأخر %(num)d يوم", "متأخر %(num)d يومًا"),
    "Due in %(num)d day": ("الموعد بعد %(num)d يوم", "الموعد بعد %(num)d يوم",
                           "الموعد بعد %(num)d يوم", "الموعد بعد %(num)d أيام",
                           "الموعد بعد %(num)d يوم", "الموعد بعد %(num)d يومًا"),
    "%(num)d day left": ("بقي %(num)d يوم", "بقي %(num)d يوم", "بقي %(num)d يوم",
                         "بقيت %(num)d أيام", "بقي %(num)d يوم", "بقي %(num)d يومًا"),
}

# References, e-mail addresses, links, phone numbers and "Awb 9:8" are left-to-right text. Inside
# Arabic each is wrapped in Unicode isolates (U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP
# DIRECTIONAL ISOLATE), so "KL-2026-00042" and "06 12345678" keep their order in plain-text
# mails and letters too, not only on the page (static/css/public.css). Write them plainly above.
import re as _re  # noqa: E402

_LTR = _re.compile(r"%\((?:reference|email|url|phone|address|incident)\)s|Awb \d+:\d+|"
                   r"name@example\.nl|06 12345678")
T = {msgid: _LTR.sub(lambda m: "\u2066" + m.group(0) + "\u2069", text) for msgid, text in T.items()}
